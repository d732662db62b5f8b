-- Charge a one-time payment: a customer, a payment intent, and its confirmation with a test card.
local stripe = app.integrations.stripe

local customer = stripe.create_customer({
    name = "Bob Johnson",
    email = "bob.johnson@example.com",
})

local intent = stripe.create_payment_intent({
    amount = 5000,             -- $50.00
    currency = "usd",
    customer = customer.id,
    description = "One-time purchase",
})
print("created   " .. intent.id .. "  " .. intent.status)

local confirmed = stripe.confirm_payment_intent({
    id = intent.id,
    payment_method = "pm_card_visa",
    return_url = "https://example.com/checkout/complete",   -- Stripe asks for it when automatic payment methods are on
})
print("confirmed " .. confirmed.id .. "  " .. confirmed.status .. "  received " .. confirmed.amount_received)

-- A declined card is a Lua error carrying Stripe's fields.
local declined = stripe.create_payment_intent({ amount = 1200, currency = "usd", customer = customer.id })
local ok, err = pcall(stripe.confirm_payment_intent, { id = declined.id, payment_method = "pm_card_chargeDeclined", return_url = "https://example.com/checkout/complete" })
print("declined  " .. tostring(not ok) .. "  " .. err.status .. " " .. err.code .. " (" .. tostring(err.decline_code) .. ")")

return { payment_intent = confirmed.id, status = confirmed.status, declined_code = err.code }
