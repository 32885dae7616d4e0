<#-- Integer cents as the customer reads them ("USD 1234.50", "-USD 4.40"): digits only, whatever the server's locale. -->
<#function format cents currency>
  <#local amount = (cents < 0)?then(-cents, cents)>
  <#return (cents < 0)?then("-", "") + currency?upper_case + " " + (amount / 100)?floor?c + "." + (amount % 100)?c?left_pad(2, "0")>
</#function>
