<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#import "order.ftl" as o>
<#import "next-step.ftl" as next>
<#assign order = body.content>
<@layout.page title="Refund for order ${order.number}">
Dear ${order.customerName}, we have refunded ${money.format(order.refunded, order.currency)} in all of your payment of ${money.format(order.total, order.currency)}.

<@o.summary order/>

${next.of(body.template, order)}

View your order: ${order.orderUrl}
</@layout.page>
