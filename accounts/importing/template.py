"""The template workbook a user downloads to fill in: our headers, one example row, and the values the
coded columns accept."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.importing.columns import COLUMNS
from accounts.models import Contact

EXAMPLE = {
    "account": "国网东北分部",
    "industry": "电力",
    "region": "东北",
    "contact": "刘组长",
    "title": "采购组长",
    "department": "物资部",
    "level": "中层",
    "function": "采购",
    "phone": "13800138000",
    "reports_to": "赵副总",
    "personality": "考拉",
    "notes": "",
}


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Customers")
    sheet.append([column.headers[0] for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE.get(column.key, "") for column in COLUMNS])
    sheet.append(["国网东北分部", "", "", "赵副总", "采购副总", "", "高层", "采购"])
    for index, _column in enumerate(COLUMNS):
        sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = 14
    guide = book.create_sheet(_("Allowed values"))
    guide.append([_("Column"), _("Accepted values")])
    for name, header in (("level", "层级"), ("function", "职能"), ("personality", "性格")):
        labels = [str(label) for _value, label in Contact._meta.get_field(name).choices]
        guide.append([header, "、".join(labels)])
    guide.append(
        ["上级", _("The name of another contact of the same account, in this file or already in the app.")]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
