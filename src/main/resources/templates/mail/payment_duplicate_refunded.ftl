<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#import "order.ftl" as o>
<#import "next-step.ftl" as next>
<#assign order = body.content>
<@layout.page title="Order ${order.number} was paid twice">
Dear ${order.customerName}, your order ${order.number} (${money.format(order.total, order.currency)}) was already paid when a second payment of ${money.format(order.duplicateRefunded, order.currency)} arrived.
We refunded the second payment in full; it reaches your account through the payment method you used, usually within
5 to 10 days.

<@o.summary order/>

${next.of(body.template, order)}

View your order: ${order.orderUrl}
</@layout.page>
