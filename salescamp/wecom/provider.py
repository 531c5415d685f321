from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider

from salescamp.wecom.views import WeComOAuth2Adapter


class WeComAccount(ProviderAccount):
    def to_str(self) -> str:
        return self.account.extra_data.get("userid", super().to_str())


class WeComProvider(OAuth2Provider):
    id = "wecom"
    name = "企业微信"
    account_class = WeComAccount
    oauth2_adapter_class = WeComOAuth2Adapter

    def extract_uid(self, data: dict) -> str:
        # A member's userid is unique within the company (the app is the company's own).
        return str(data["userid"])

    def get_default_scope(self) -> list[str]:
        return []

    def extract_common_fields(self, data: dict) -> dict:
        return {"username": data["userid"]}


provider_classes = [WeComProvider]
