"""Customer lists from Excel or CSV: columns recognised from their Chinese names (and corrected by the user),
each row's outcome previewed, duplicates skipped or updated by choice, everything applied in one transaction
under the importer's name; hostile files get a clear file or row error and nothing half-imported."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.importing import applying
from accounts.models import Account, Contact, ImportBatch

from .conftest import client_for


def workbook(rows: list[list], *, banner: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    if banner:
        sheet.append([banner])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, name: str, data: bytes, team) -> object:
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("import_start"), {"file": file, "team": team.pk})


def preview(client, response):
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"])


@pytest.mark.django_db
def test_the_template_round_trips_into_new_accounts_and_contacts_under_the_importers_name(org):
    client = client_for(org.rep)
    template = client.get(reverse("import_template"))
    assert template.status_code == 200
    rows = [
        list(row) for row in load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True)
    ]
    rows[1][0] = rows[2][0] = "华北能源"  # a new account for the template's two example people

    page = preview(client, upload(client, "客户.xlsx", workbook(rows), org.team))
    assert page.context["counts"]["new"] == 2 and page.context["counts"]["new_accounts"] == 1
    batch = ImportBatch.objects.get()
    response = client.post(reverse("import_preview", args=[batch.pk]), {"action": "apply"})

    assert response.status_code == 302
    account = Account.objects.get(name="华北能源")
    liu, zhao = (
        Contact.objects.get(account=account, name="刘组长"),
        Contact.objects.get(account=account, name="赵副总"),
    )
    assert (liu.reports_to, liu.level, liu.function, liu.personality, liu.department) == (
        zhao,
        2,
        "procurement",
        "koala",
        "物资部",
    )
    assert liu.phone == "13800138000"
    assert {h.history_user for h in liu.history.all()} == {org.rep}
    assert account.history.get().history_user == org.rep
    done = client.get(reverse("import_preview", args=[batch.pk]))
    assert "已导入" in done.text or "Customers imported" in done.text
    again = client.post(reverse("import_preview", args=[batch.pk]), {"action": "apply"})
    assert Contact.objects.filter(account=account).count() == 2 and again.status_code == 200


@pytest.mark.django_db
def test_a_gbk_csv_is_read_and_columns_the_user_corrects_are_used(org):
    client = client_for(org.rep)
    text = "单位全称,联系人,职务,层级,上级\n国网东北分部,钱工,计划处专责,基层,刘组长\n"
    page = preview(client, upload(client, "list.csv", text.encode("gbk"), org.team))
    assert page.context["missing"]  # "单位全称" is not a header we know: the account column is asked for
    batch = ImportBatch.objects.get()
    client.post(
        reverse("import_preview", args=[batch.pk]),
        {
            "action": "map",
            "col-0": "account",
            "col-1": "contact",
            "col-2": "title",
            "col-3": "level",
            "col-4": "reports_to",
        },
    )
    page = client.get(reverse("import_preview", args=[batch.pk]))
    assert page.context["counts"]["new"] == 1 and not page.context["counts"]["error"]
    client.post(reverse("import_preview", args=[batch.pk]), {"action": "apply"})
    qian = Contact.objects.get(name="钱工")
    assert qian.account == org.account and qian.reports_to == org.contact and qian.level == 1


@pytest.mark.django_db
def test_duplicates_are_skipped_or_updated_as_chosen_row_by_row(org):
    client = client_for(org.rep)
    rows = [
        ["客户名称", "联系人", "职务", "手机"],
        ["国网东北分部", "刘组长", "采购处长", "13900001111"],
        ["国网东北分部 ", "赵副总", "总经理助理", ""],  # a trailing space still names the same account
    ]
    page = preview(client, upload(client, "dup.xlsx", workbook(rows), org.team))
    assert page.context["counts"]["duplicate"] == 2 and page.context["counts"]["new_accounts"] == 0
    assert any("采购处长" in str(change) for change in page.context["duplicates"][0].changes)
    batch = ImportBatch.objects.get()
    client.post(
        reverse("import_preview", args=[batch.pk]), {"action": "apply", "row-2": "update", "row-3": "skip"}
    )
    org.contact.refresh_from_db()
    org.boss.refresh_from_db()
    assert (org.contact.title, org.contact.phone) == ("采购处长", "13900001111")
    assert org.contact.history.latest().history_user == org.rep
    assert org.boss.title == "采购副总"  # skipped: ours kept


HOSTILE = {
    "not a workbook": ("a.xlsx", b"PK\x03\x04" + b"\x00" * 200, ".xlsx"),
    "empty": ("a.csv", b"", "空"),
    "binary": ("a.csv", bytes(range(256)) * 4, "文本"),
    "no header": ("a.csv", "甲,乙\n丙,丁\n".encode(), "表头"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", HOSTILE)
def test_a_file_that_cannot_be_read_says_why_and_saves_nothing(org, case):
    client = client_for(org.rep)
    name, data, word = HOSTILE[case]
    response = upload(client, name, data, org.team)
    assert response.status_code == 422
    errors = " ".join(response.context["form"].errors["file"])
    assert word.lower() in errors.lower() or word in errors, errors
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_and_a_zip_bomb_are_refused_before_parsing(org, monkeypatch):
    from accounts.importing import reading

    client = client_for(org.rep)
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    response = upload(client, "big.csv", ("客户名称,联系人\n" + "甲,乙\n" * 500).encode(), org.team)
    assert response.status_code == 422 and "MB" in " ".join(response.context["form"].errors["file"])
    monkeypatch.undo()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "0" * (reading.MAX_UNPACKED + 1))
    response = upload(client, "bomb.xlsx", bomb.getvalue(), org.team)
    assert response.status_code == 422 and not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_bad_rows_say_which_cell_is_wrong_and_are_left_out(org):
    client = client_for(org.rep)
    rows = [
        ["客户名称", "联系人", "层级", "手机", "上级", "职务"],
        ["国网东北分部", "孙工", "很高", "", "", ""],  # a level we do not know
        ["国网东北分部", "李工", "基层", "打电话给我", "", ""],  # not a phone number
        ["国网东北分部", "周工", "", "", "不存在的人", ""],  # an unknown boss
        ["国网东北分部", "吴工", "", "", "", "=A1&B1"],  # a formula
        ["", "无名", "", "", "", ""],  # no account
        ["国网东北分部", "孙工", "", "", "", ""],  # row 3 was refused: this one stands on its own
        ["国网东北分部", "郑工", "", "", "周工", ""],  # reports to a row with errors
        ["国网东北分部", "王工", "中层", "", "刘组长", "技术专责"],  # fine
        ["国网东北分部", "王工", "", "", "", ""],  # the same contact again
    ]
    page = preview(
        client, upload(client, "bad.xlsx", workbook(rows, banner="2026年客户名单（合并单元格）"), org.team)
    )
    errors = {row.number: " ".join(row.errors) for row in page.context["errors"]}
    assert set(errors) == {3, 4, 5, 6, 7, 9, 11}  # the banner is row 1, the header row 2
    assert "很高" in errors[3] and "手机" in errors[4] and "不存在的人" in errors[5]
    assert "公式" in errors[6] and "客户名称" in errors[7]
    assert "第 5 行" in errors[9] and "第 10 行" in errors[11]
    batch = ImportBatch.objects.get()
    client.post(reverse("import_preview", args=[batch.pk]), {"action": "apply"})
    assert set(Contact.objects.filter(account=org.account).values_list("name", flat=True)) == {
        "刘组长",
        "赵副总",
        "孙工",
        "王工",
    }


@pytest.mark.django_db
def test_an_import_failing_half_way_leaves_nothing_behind(org, monkeypatch):
    client = client_for(org.rep)
    rows = [["客户名称", "联系人", "职务"], ["新客户甲", "张三", "主任"], ["国网东北分部", "刘组长", "处长"]]
    preview(client, upload(client, "a.xlsx", workbook(rows), org.team))
    batch = ImportBatch.objects.get()

    def broken(*args, **kwargs):
        raise applying.ImportRefused("boom")

    monkeypatch.setattr(applying, "_check_lines", broken)
    response = client.post(reverse("import_preview", args=[batch.pk]), {"action": "apply", "row-3": "update"})

    assert response.status_code == 422 and "boom" in response.text
    assert not Account.objects.filter(name="新客户甲").exists()
    org.contact.refresh_from_db()
    assert org.contact.title == "采购组长"
    batch.refresh_from_db()
    assert batch.status == "preview"


@pytest.mark.django_db
def test_a_list_is_only_ever_seen_by_whoever_uploaded_it(org):
    rows = [["客户名称", "联系人"], ["国网东北分部", "钱工"]]
    client = client_for(org.rep)
    preview(client, upload(client, "a.xlsx", workbook(rows), org.team))
    batch = ImportBatch.objects.get()
    for user in (org.teammate, org.lead, org.stranger):
        assert client_for(user).get(reverse("import_preview", args=[batch.pk])).status_code == 404
    assert upload(client_for(org.stranger), "a.xlsx", workbook(rows), org.team).status_code == 422


@pytest.mark.django_db
def test_a_thousand_rows_import_in_one_go(org):
    rows = [["客户名称", "联系人", "职务", "层级", "上级"]]
    for account in range(50):
        for person in range(20):
            boss = "" if person == 0 else f"客户{account}人0"
            rows.append([f"客户{account}", f"客户{account}人{person}", "专责", "基层", boss])
    client = client_for(org.rep)
    page = preview(client, upload(client, "big.xlsx", workbook(rows), org.team))
    assert page.context["counts"]["new"] == 1000 and page.context["counts"]["new_accounts"] == 50
    client.post(reverse("import_preview", args=[ImportBatch.objects.get().pk]), {"action": "apply"})
    assert Contact.objects.filter(account__name__startswith="客户").count() == 1000
    assert Contact.objects.filter(name="客户7人5").get().reports_to.name == "客户7人0"
