"""What every part of the dataset shares: COPY, the sequences, and the state one part hands the next."""

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bench.dataset.words import GIVEN, SHANGHAI, SURNAMES


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples in `columns` order) into `table`; dicts and lists go in as JSON."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for v in row]
                )
                count += 1
    return count


def reset_sequences(tables: list[str]) -> None:
    """Ids were assigned here: the sequences must start after them, or the app's first insert collides."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            column = "history_id" if "_historical" in table else "id"
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({column}), 1)) FROM {table}",
                [table, column],
            )


@dataclass
class Dataset:
    """The build's random source and clock, and what each part made that later parts refer to."""

    rng: random.Random
    today: date
    now: datetime
    counts: dict[str, int] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)  # filled here, in order: their sequences are reset
    # our side
    users: list[tuple] = field(default_factory=list)  # (id, username, display_name, rank, target)
    reps: list[int] = field(default_factory=list)
    rep_team: dict[int, int] = field(default_factory=dict)
    team_lead: dict[int, int] = field(default_factory=dict)  # leaf team → its lead
    # their side
    accounts: list[tuple] = field(default_factory=list)  # (id, team_id, name, industry, region)
    contacts_of: dict[int, list[tuple]] = field(default_factory=dict)  # account → [(id, level, name, boss)]
    big_account: int = 0
    huge_account: int = 0
    # the deals
    projects: list[tuple] = field(default_factory=list)  # (id, account, owner, team, stage, start)
    big_project: int = 0
    huge_project: int = 0
    chain_of: dict[int, list[int]] = field(default_factory=dict)  # project → contact ids in its chain
    sheets: list[tuple] = field(default_factory=list)  # (id, project, owner) of the visit sheets

    @property
    def created(self) -> datetime:
        """When the accounts and contacts were entered."""
        return self.now - timedelta(days=760)

    def put(self, table: str, columns: list[str], rows) -> None:
        self.counts[table] = self.counts.get(table, 0) + copy_rows(table, columns, rows)
        if table not in self.tables:
            self.tables.append(table)

    def at(self, day: date, hour: int = 10) -> datetime:
        return datetime(day.year, day.month, day.day, hour, self.rng.randrange(60), tzinfo=SHANGHAI)

    def person_name(self) -> str:
        rng = self.rng
        return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
