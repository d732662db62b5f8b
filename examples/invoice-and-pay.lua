-- Create an invoice that finalizes itself, then pay it with the customer's default payment method.
local stripe = app.integrations.stripe

local customer = stripe.create_customer({ name = "Dana Evans", email = "dana.evans@example.com" })

local invoice = stripe.create_invoice({
    customer = customer.id,
    description = "Consulting services — March 2026",
    auto_advance = true,
})
print("invoice " .. invoice.id .. "  " .. invoice.status)

local paid = stripe.pay_invoice({ id = invoice.id })
print("paid    " .. paid.id .. "  " .. paid.status .. "  number " .. tostring(paid.number))

return { invoice = paid.id, status = paid.status }
