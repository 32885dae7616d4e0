<#-- The order in an order mail (text part): lines, the totals, and where it goes. -->
<#import "money.ftl" as money>
<#macro summary order>
<#list order.lines as line>
${line.quantity} x ${line.name}  ${money.format(line.total, order.currency)}
</#list>

Subtotal: ${money.format(order.subtotal, order.currency)}
<#if order.discount gt 0>
Discount<#if order.discountCode??> (${order.discountCode})</#if>: ${money.format(-order.discount, order.currency)}
</#if>
Tax: ${money.format(order.tax, order.currency)}
Shipping: <#if order.shipping gt 0>${money.format(order.shipping, order.currency)}<#else>Free</#if>
Total: ${money.format(order.total, order.currency)}
<#if order.shipTo?has_content>

Shipping to:
<#list order.shipTo as line>
  ${line}
</#list>
</#if>
</#macro>
