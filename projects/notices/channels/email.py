"""Email: the notice as plain text and HTML, in Chinese unless the person reads English."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from projects.notices.channels import SendFailed


def send(address: str, title: str, text: str, link: str) -> None:
    context = {"title": title, "text": text, "link": link}
    message = EmailMultiAlternatives(
        subject=f"[{settings.NOTICE_SENDER_NAME}] {title}",
        body=render_to_string("notices/email.txt", context),
        to=[address],
    )
    message.attach_alternative(render_to_string("notices/email.html", context), "text/html")
    try:
        message.send()
    except Exception as error:  # SMTP errors come in many kinds; the delivery retries all of them
        raise SendFailed(f"mail: {type(error).__name__}") from None
