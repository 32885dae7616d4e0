<#import "layout.ftl" as layout>
<@layout.page title="Please confirm your e-mail address">
Someone, hopefully you, asked for the offers and alerts of ${body.brand.shopName} (${body.brand.shopUrl}/) to be sent to this address.
Confirm it here: ${body.content.confirmUrl}

If this was not you, ignore this mail: nothing will be sent to this address.
</@layout.page>
