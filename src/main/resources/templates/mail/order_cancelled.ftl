<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#import "order.ftl" as o>
<#import "next-step.ftl" as next>
<#assign order = body.content>
<@layout.page title="Order ${order.number} was cancelled">
Dear ${order.customerName}, we are sorry: ${next.cancelReason(order)}.

<@o.summary order/>

${next.of(body.template, order)}

Back to the shop: ${body.brand.shopUrl}/
</@layout.page>
