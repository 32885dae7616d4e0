<#import "layout.ftl" as layout>
<#import "money.ftl" as money>
<#assign mail = body.content>
<@layout.page title=mail.headline unsubscribeUrl=mail.unsubscribeUrl>
${mail.intro}

<#list mail.items as item>
- ${item.name} (${money.format(item.price, body.brand.currency)}): ${item.link}
</#list>
<#if mail.offer?has_content>
${mail.offer}
</#if>

Visit the shop: ${mail.shopLink}

You get this because of your e-mail preferences.
</@layout.page>
