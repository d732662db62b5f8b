-- Void a customer's open invoices. Stripe voids only open (finalized) invoices; drafts are deleted instead.
local stripe = app.integrations.stripe

local customer = stripe.create_customer({ name = "Evan Fox", email = "evan.fox@example.com" })
for _ = 1, 2 do stripe.create_invoice({ customer = customer.id, auto_advance = true }) end
stripe.create_invoice({ customer = customer.id, auto_advance = false })   -- stays a draft

local result = stripe.list_invoices({ customer = customer.id, status = "open", limit = 100 })
local voided = {}
for _, inv in ipairs(result.invoices) do
    local v = stripe.void_invoice({ id = inv.id })
    table.insert(voided, v.id)
    print("voided " .. v.id .. "  " .. v.status)
end

local drafts = stripe.list_invoices({ customer = customer.id, status = "draft" })
print(#voided .. " voided, " .. #drafts.invoices .. " draft left alone")
return { voided = #voided, drafts = #drafts.invoices }
