<#-- The one layout of every mail (text part): the same content as the HTML part, and the same footer, as plain text. -->
<#macro page title unsubscribeUrl="">
<#local brand = body.brand>
${brand.shopName}

${title}

<#nested>

--
${brand.shopName}, <#list brand.postalAddress as line>${line}<#sep>, </#sep></#list>
E-mail preferences: ${brand.preferencesUrl}
<#if unsubscribeUrl?has_content>
Unsubscribe from these mails: ${unsubscribeUrl}
</#if>
</#macro>
