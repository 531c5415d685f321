from urllib.parse import urlencode

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Client, OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2Adapter, OAuth2CallbackView, OAuth2LoginView

# The app's settings may point elsewhere (a test's local fake of WeCom, say).
LOGIN_BASE = "https://login.work.weixin.qq.com"
API_BASE = "https://qyapi.weixin.qq.com"


def _call(url: str, params: dict) -> dict:
    with get_adapter().get_requests_session() as session:
        response = session.get(url, params=params, timeout=10)
    data = response.json() if response.ok else {}
    if data.get("errcode", -1) != 0:
        raise OAuth2Error(f"WeCom said {data.get('errcode')}: {data.get('errmsg', response.status_code)}")
    return data


class WeComClient(OAuth2Client):
    """WeCom has no per-user token: the 'access token' here is the corp's, fetched with its secret, and the
    code from the sign-in page is carried to the user lookup."""

    agent_id = ""
    api_base = API_BASE

    def get_redirect_url(self, authorization_url, scope, extra_params) -> str:
        params = {
            "login_type": "CorpApp",
            "appid": self.consumer_key,
            "agentid": self.agent_id,
            "redirect_uri": self.callback_url,
            "state": self.state,
        }
        return f"{authorization_url}?{urlencode(params)}"

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None) -> dict:
        token = _call(
            f"{self.api_base}/cgi-bin/gettoken",
            {"corpid": self.consumer_key, "corpsecret": self.consumer_secret},
        )
        return {"access_token": token["access_token"], "code": code}


class WeComOAuth2Adapter(OAuth2Adapter):
    provider_id = "wecom"
    client_class = WeComClient

    @property
    def _settings(self) -> dict:
        return self.get_provider().app.settings or {}

    @property
    def authorize_url(self) -> str:
        return f"{self._settings.get('login_base', LOGIN_BASE)}/wwlogin/sso/login"

    @property
    def access_token_url(self) -> str:
        return f"{self._settings.get('api_base', API_BASE)}/cgi-bin/gettoken"

    def get_client(self, request, app):
        client = super().get_client(request, app)
        client.agent_id = str(self._settings.get("agent_id", ""))
        client.api_base = self._settings.get("api_base", API_BASE)
        return client

    def complete_login(self, request, app, token, **kwargs):
        api = self._settings.get("api_base", API_BASE)
        user = _call(
            f"{api}/cgi-bin/auth/getuserinfo",
            {"access_token": token.token, "code": kwargs["response"]["code"]},
        )
        if "userid" not in user:
            raise OAuth2Error("not a member of the company")  # an outsider's openid: never a user of ours
        return self.get_provider().sociallogin_from_response(request, user)


oauth2_login = OAuth2LoginView.adapter_view(WeComOAuth2Adapter)
oauth2_callback = OAuth2CallbackView.adapter_view(WeComOAuth2Adapter)
