<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#import "order.ftl" as o>
<#import "next-step.ftl" as next>
<#assign order = body.content>
<@layout.page title="Order ${order.number} is on its way">
Dear ${order.customerName}, your parcel left us with ${order.carrier!"our carrier"}. Tracking number: ${order.trackingNumber!"to follow"}.

<@o.summary order/>

${next.of(body.template, order)}

Follow your order: ${order.orderUrl}
</@layout.page>
