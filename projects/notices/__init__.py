"""Notifications (通知): an event — what happened, to whom, about which object, with a link — recorded in the
same transaction as its cause, shown in the app (the bell) and delivered by the task worker through the
channels each person chose: email, or the team's 企业微信 / 钉钉 / 飞书 group robot."""
