<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#import "order.ftl" as o>
<#import "next-step.ftl" as next>
<#assign order = body.content>
<@layout.page title="Thank you for your order, ${order.customerName}">
We have received order ${order.number} and reserved your items.

<@o.summary order/>

${next.of(body.template, order)}

View your order: ${order.orderUrl}
</@layout.page>
