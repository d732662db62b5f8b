-- Page through every customer, 100 at a time, following has_more and starting_after.
local stripe = app.integrations.stripe

for i = 1, 120 do
    stripe.create_customer({ name = "Customer " .. i, email = "customer" .. i .. "@example.com" })
end

local all_customers, pages = {}, 0
local cursor = nil
repeat
    local args = { limit = 100 }
    if cursor then args.starting_after = cursor end
    local result = stripe.list_customers(args)
    pages = pages + 1
    for _, c in ipairs(result.customers) do table.insert(all_customers, c) end
    if result.has_more and #result.customers > 0 then
        cursor = result.customers[#result.customers].id
    else
        cursor = nil
    end
until cursor == nil

print(#all_customers .. " customers in " .. pages .. " pages")
return { customers = #all_customers, pages = pages }
