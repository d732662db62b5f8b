-- Void every open invoice of the account, a page of up to 100 at a time.
-- Stripe voids only open (finalized, unpaid) invoices; a draft is deleted instead, and a paid one cannot be voided.
local stripe = app.integrations.stripe

local voided = {}
repeat
    local result = stripe.list_invoices({ status = "open", limit = 100 })
    for _, inv in ipairs(result.invoices) do
        local v = stripe.void_invoice({ id = inv.id })
        table.insert(voided, v.id)
        print("voided " .. v.id .. "  " .. v.status .. "  (" .. v.amount_due .. " " .. v.currency .. " was due)")
    end
until not result.has_more

print(#voided .. " open invoice(s) voided")
return { voided = #voided }
