"""The customer import, timed: a generated workbook of N rows (accounts of 20 contacts each, every contact
reporting to the account's first) read, previewed and applied, with the peak memory Python allocated.

    DATABASE_URL=postgres://… python bench/import_customers.py [ROWS ...]    (default: 1000 5000 20000)

Uses (and cleans up after) a team of its own in the given database; never run it against production."""

import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salescamp.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django

django.setup()

from openpyxl import Workbook  # noqa: E402

from accounts.importing.applying import apply_import  # noqa: E402
from accounts.importing.columns import guess_mapping  # noqa: E402
from accounts.importing.planning import plan_import  # noqa: E402
from accounts.importing.reading import read_table  # noqa: E402
from accounts.models import Account, ImportBatch  # noqa: E402
from salescamp.models import Membership, Team, User  # noqa: E402


def workbook(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["客户名称", "区域", "联系人", "职务", "部门", "层级", "职能", "手机", "上级", "性格"])
    for index in range(rows):
        account, person = divmod(index, 20)
        boss = "" if person == 0 else f"基准客户{account}-联系人0"
        sheet.append(
            [
                f"基准客户{account}",
                "华北",
                f"基准客户{account}-联系人{person}",
                "专责",
                "物资部",
                "基层",
                "采购",
                f"138{index:08d}",
                boss,
                "考拉",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def measure(rows: int, *, memory: bool) -> None:
    team = Team.objects.create(name=f"导入基准{rows}")
    user = User.objects.create(username=f"import-bench-{rows}", display_name="导入基准")
    Membership.objects.create(user=user, team=team)
    data = workbook(rows)
    if memory:  # tracemalloc slows Python down: memory is measured in a run of its own
        tracemalloc.start()
    start = time.perf_counter()
    table = read_table("bench.xlsx", data)
    read = time.perf_counter()
    mapping = guess_mapping(table.headers)
    batch = ImportBatch.objects.create(
        team=team,
        created_by=user,
        file_name="bench.xlsx",
        headers=table.headers,
        rows=table.rows,
        mapping={str(k): v for k, v in mapping.items()},
    )
    plan = plan_import(batch.rows, mapping, team.pk)
    previewed = time.perf_counter()
    result = apply_import(batch, decisions={}, by=user)
    applied = time.perf_counter()
    assert result.contacts == rows and plan.counts["new"] == rows, (result, plan.counts)
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{rows:>6} rows  peak {peak / 2**20:6.1f} MB allocated ({peak / rows / 1024:.1f} KB a row)")
    else:
        print(
            f"{rows:>6} rows  {len(data) / 2**20:5.1f} MB  read {read - start:5.2f} s  "
            f"preview (read + plan) {previewed - start:5.2f} s  apply {applied - previewed:5.2f} s  "
            f"total {applied - start:5.2f} s"
        )
    Account.objects.filter(team=team).delete()
    ImportBatch.objects.filter(team=team).delete()
    Membership.objects.filter(team=team).delete()
    team.delete()
    user.delete()


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 5000, 20000]
    for memory in (False, True):
        for size in sizes:
            measure(size, memory=memory)
