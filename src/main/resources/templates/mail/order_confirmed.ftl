<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#import "order.ftl" as o>
<#import "next-step.ftl" as next>
<#assign order = body.content>
<@layout.page title="Order ${order.number} is confirmed">
Dear ${order.customerName}, thank you: we received your payment of ${money.format(order.total, order.currency)}.

<@o.summary order/>

${next.of(body.template, order)}

View your order: ${order.orderUrl}
</@layout.page>
