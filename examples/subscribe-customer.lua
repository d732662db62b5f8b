-- Create a product with a monthly price, then subscribe a new customer to it.
local stripe = app.integrations.stripe

local product = stripe.create_product({
    name = "Pro Plan",
    description = "Full access to pro features",
})
print("product      " .. product.id .. "  " .. product.name)

local price = stripe.create_price({
    product = product.id,
    unit_amount = 2999,      -- $29.99/month
    currency = "usd",
    recurring_interval = "month",
})
print(string.format("price        %s  %d %s every %d %s", price.id, price.unit_amount, price.currency, price.recurring.interval_count, price.recurring.interval))

local customer = stripe.create_customer({
    name = "Jane Smith",
    email = "jane.smith@example.com",
})
print("customer     " .. customer.id .. "  " .. customer.email)

local subscription = stripe.create_subscription({
    customer = customer.id,
    price = price.id,
})
print(string.format("subscription %s  %s, period %d..%d", subscription.id, subscription.status, subscription.current_period_start, subscription.current_period_end))

return { product = product.id, price = price.id, customer = customer.id, subscription = subscription.id, status = subscription.status }
