-- Authorize $100.00 now, capture $75.00 of it later.
local stripe = app.integrations.stripe

local customer = stripe.create_customer({ name = "Carol Diaz", email = "carol.diaz@example.com" })

local intent = stripe.create_payment_intent({
    amount = 10000,            -- $100.00
    currency = "usd",
    customer = customer.id,
    capture_method = "manual",
})

local authorized = stripe.confirm_payment_intent({
    id = intent.id,
    payment_method = "pm_card_visa",
    return_url = "https://example.com/checkout/complete",   -- Stripe asks for it when automatic payment methods are on
})
print("authorized " .. authorized.id .. "  " .. authorized.status .. "  capturable " .. authorized.amount_capturable)

local captured = stripe.capture_payment_intent({
    id = intent.id,
    amount_to_capture = 7500,  -- capture only $75.00
})
print("captured   " .. captured.id .. "  " .. captured.status .. "  received " .. captured.amount_received)

return { payment_intent = captured.id, status = captured.status, amount_received = captured.amount_received }
