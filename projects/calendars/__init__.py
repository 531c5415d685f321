"""Calendar feeds (日历订阅): each person's planned activities as an iCalendar (RFC 5545) address that
企业微信, 钉钉, Outlook and Apple calendars subscribe to. The address is a secret; a new one revokes the
old."""
