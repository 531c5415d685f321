"""企业微信 (WeCom) sign-in as a django-allauth provider: allauth has none for it. The browser signs in on
WeCom's QR page; the app trades the code for the member's userid with the corp's own access token."""
