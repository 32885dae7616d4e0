<#-- What the customer does or can expect next, by mail and by how the order stands when the mail is written: nobody who
     has paid is asked to pay, and a digital order is not told about parcels. -->
<#function of template order>
  <#switch template>
    <#case "order_received">
      <#if order.paid>
        <#return order.downloads?then("Your payment is received: your downloads are ready on your order page.",
            "Your payment is received. We will e-mail you when your order ships.")>
      </#if>
      <#return "Please complete payment within " + order.reservationMinutes?c + " minutes to keep your items reserved.">
    <#case "order_confirmed">
      <#return order.downloads?then("Your downloads are ready on your order page.",
          "We are packing your order and will e-mail you the tracking number when it ships.")>
    <#case "order_shipped">
      <#return "Your order page shows where your parcel is, with its tracking number.">
    <#case "order_cancelled">
      <#return order.charged?then("Your payment is refunded in full; it reaches your account within 5 to 10 days.",
          "Nothing has been charged.")>
    <#case "order_refunded">
      <#return order.refundedInFull?then("The order is refunded in full.", "The rest of your order stands.")
          + " The money reaches your account through your original payment method, usually within 5 to 10 days.">
    <#case "payment_duplicate_refunded">
      <#return "Nothing else changes: your order goes ahead as planned.">
    <#default>
      <#return "">
  </#switch>
</#function>

<#-- Why an order was cancelled, in the customer's words. -->
<#function cancelReason order>
  <#switch order.cancelReason!"">
    <#case "out_of_stock"><#return "some items sold out before we could reserve them">
    <#case "payment_timeout"><#return "we did not receive payment in time, so the reserved items went back on sale">
    <#case "customer_request"><#return "you cancelled it, as requested">
    <#default><#return "the order was cancelled">
  </#switch>
</#function>
