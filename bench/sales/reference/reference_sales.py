"""A minimal Python version of the three course routes, the reference Atelier's sales service is measured against.

Same behaviour as Atelier's: idempotent upsert of (year_week, raw spelling) into SQLite, names cleaned with difflib,
ISO weeks spread over months by their days, per-vegetable outliers at mean ± 5 sample std. Like a typical course
solution, reads recompute from the table on every request.
"""
import datetime
import difflib
import sqlite3
import statistics
import threading
import unicodedata

SPELLINGS = {
    "tomato": ["tomato", "tomatoes", "tomate", "tomates"],
    "carrot": ["carrot", "carrots", "carotte", "carottes", "zanahoria", "zanahorias"],
    "pear": ["pear", "pears", "poire", "poires", "pera", "peras"],
    "brussels sprout": ["brussels sprout", "brussel sprout", "chou de bruxelles", "col de bruselas"],
}
KNOWN = {}
for canonical, names in SPELLINGS.items():
    for n in names:
        KNOWN["".join(c for c in unicodedata.normalize("NFKD", n.lower()) if c.isalpha())] = canonical


def clean(name):
    key = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalpha())
    if key in KNOWN:
        return KNOWN[key]
    match = difflib.get_close_matches(key, list(KNOWN), n=1, cutoff=0.75)
    return KNOWN[match[0]] if match else None


class Store:
    def __init__(self, path):
        self.local = threading.local()
        self.path = path
        db = self.conn()
        db.execute("create table if not exists sales_raw (year_week integer, vegetable text, sales real, primary key (year_week, vegetable))")
        db.commit()

    def conn(self):
        c = getattr(self.local, "c", None)
        if c is None:
            c = sqlite3.connect(self.path, timeout=30)
            c.execute("pragma journal_mode=wal")
            c.execute("pragma synchronous=normal")
            self.local.c = c
        return c

    def init(self):
        db = self.conn()
        db.execute("delete from sales_raw")
        db.commit()

    def post(self, rows):
        stored, rejected = [], []
        for i, r in enumerate(rows):
            ok = (
                isinstance(r, dict)
                and isinstance(r.get("year_week"), int)
                and 1 <= r["year_week"] % 100 <= 53
                and isinstance(r.get("vegetable"), str)
                and r["vegetable"].strip()
                and isinstance(r.get("sales"), (int, float))
                and r["sales"] >= 0
            )
            if ok:
                stored.append((r["year_week"], r["vegetable"].strip(), float(r["sales"])))
            else:
                rejected.append({"index": i, "reason": "invalid row"})
        db = self.conn()
        db.executemany(
            "insert into sales_raw values (?, ?, ?) on conflict (year_week, vegetable) do update set sales = excluded.sales",
            stored,
        )
        db.commit()
        return {"status": "success", "stored": len(stored), "rejected": rejected}

    def raw(self):
        rows = self.conn().execute("select year_week, vegetable, sales from sales_raw order by year_week, vegetable").fetchall()
        return [{"year_week": w, "vegetable": v, "sales": s} for w, v, s in rows]

    def monthly(self, remove_outliers):
        weekly = {}
        for r in self.raw():
            name = clean(r["vegetable"])
            if name is not None:
                weekly.setdefault(name, {}).setdefault(r["year_week"], 0.0)
                weekly[name][r["year_week"]] += r["sales"]
        months = {}
        for veg, weeks in weekly.items():
            values = list(weeks.values())
            mean = statistics.fmean(values)
            std = statistics.stdev(values) if len(values) > 1 else 0.0
            for yw, sales in weeks.items():
                if remove_outliers and std > 0 and abs(sales - mean) > 5 * std:
                    continue
                monday = datetime.date.fromisocalendar(yw // 100, yw % 100, 1)
                for d in range(7):
                    day = monday + datetime.timedelta(days=d)
                    key = (day.year * 100 + day.month, veg)
                    months[key] = months.get(key, 0.0) + sales / 7
        return [{"year_month": ym, "vegetable": v, "sales": round(s, 6)} for (ym, v), s in sorted(months.items())]
