"""Group chat robots (群机器人) of 企业微信, 钉钉 and 飞书, in the message formats and signing schemes their
open platforms document:

- 企业微信: POST the webhook address (its key is in the URL) {"msgtype": "markdown", ...}; no signature.
- 钉钉: append timestamp (ms) and sign = Base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")),
  URL-encoded, to the webhook address; {"msgtype": "markdown", ...}.
- 飞书: {"timestamp": seconds, "sign": Base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg="")),
  "msg_type": "text", ...} to the webhook address.
Each answers HTTP 200 with an error code in its JSON body: 0 is success."""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from projects.notices.channels import SendFailed

TIMEOUT = 5  # seconds: a slow robot must not hold the worker
# Where each platform's robots live. Anything else (say, a leader typing an intranet address) is refused:
# the worker must not become a way to reach inside our network. settings.NOTICE_ROBOT_EXTRA_HOSTS adds
# hosts, e.g. a local robot for trying notifications out (docs/deploy.md).
PLATFORM_HOSTS = {
    "wecom": ("qyapi.weixin.qq.com",),
    "dingtalk": ("oapi.dingtalk.com",),
    "feishu": ("open.feishu.cn", "open.larksuite.com"),
}


def allowed(kind: str, url: str, extra_hosts=()) -> bool:
    """Whether the worker may post to `url`. The host is read as urllib's sender reads it: the whole
    netloc, so a user part ("x@", "127.0.0.1\\@"), which urlsplit would skip, is refused, not read past;
    and the platforms' robots answer on 443 only."""
    parts = urllib.parse.urlsplit(url)
    if parts.netloc in extra_hosts:
        return parts.scheme in ("http", "https")
    try:
        port = parts.port
    except ValueError:
        return False
    host = parts.netloc.lower().removesuffix(":443") if port == 443 else parts.netloc.lower()
    return (
        parts.scheme == "https"
        and port in (None, 443)
        and "\\" not in url
        and host in PLATFORM_HOSTS.get(kind, ())
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a robot that redirects is refused, wherever it points


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def request_for(kind: str, url: str, secret: str, title: str, text: str, link: str, now: float | None = None):
    """(url, JSON body) of a message, signed as the platform asks."""
    now = time.time() if now is None else now
    if kind == "wecom":
        return url, {"msgtype": "markdown", "markdown": {"content": f"**{title}**\n{text}\n[{link}]({link})"}}
    if kind == "dingtalk":
        if secret:
            timestamp = int(now * 1000)
            sign = urllib.parse.quote_plus(dingtalk_sign(secret, timestamp))
            url = f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"
        return url, {
            "msgtype": "markdown",
            "markdown": {"title": title, "text": f"#### {title}\n{text}\n\n[{link}]({link})"},
        }
    if kind == "feishu":
        body = {"msg_type": "text", "content": {"text": f"{title}\n{text}\n{link}"}}
        if secret:
            timestamp = int(now)
            body = {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **body}
        return url, body
    raise ValueError(kind)


def send(kind: str, url: str, secret: str, title: str, text: str, link: str, extra_hosts=()) -> None:
    if not allowed(kind, url, extra_hosts):
        raise SendFailed("not a robot address of the platform")
    target, body = request_for(kind, url, secret, title, text, link)
    request = urllib.request.Request(
        target,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=TIMEOUT) as response:
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise SendFailed(f"HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SendFailed(f"unreachable: {type(error).__name__}") from None
    except ValueError:
        raise SendFailed("the answer was not JSON") from None
    code = answer.get("errcode", answer.get("code", answer.get("StatusCode", 0)))
    if code not in (0, None):
        raise SendFailed(f"refused: code {code} {str(answer.get('errmsg') or answer.get('msg') or '')[:80]}")
