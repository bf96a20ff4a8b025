"""`briefing <command>`: the command line (its output and exit statuses are a contract).

Exit status: 0 when the command did its work, 1 when it failed as a whole, 2 for bad usage.
Errors go to stderr as one sentence. No Qt is imported unless the window is opened.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .core.errors import BriefingError
from .core.models import Article, Feed, FeedReport

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="briefing",
        description="Briefing: a desktop reader for market news. With no command, opens the "
        "window.",
    )
    p.add_argument("--data-dir", metavar="DIR",
                   help="where the archive, settings and logs live (or $BRIEFING_DATA_DIR)")
    p.add_argument("--version", action="version", version=f"briefing {__version__}")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation end to end (modules, resources, archive, "
                   "tagging, an offscreen window, the keyring) and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("add", help="subscribe to a feed (a site URL works too)")
    c.add_argument("url")
    c.add_argument("--folder", metavar="NAME", help="put it in this folder (A/B for nested)")
    c.add_argument("--full-text", action="store_true",
                   help="fetch each new article's page and keep its full text")

    c = sub.add_parser("feeds", help="list subscriptions")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("unsubscribe", help="remove a feed and its articles")
    c.add_argument("feed", metavar="FEED", help="a feed id or URL")

    c = sub.add_parser("import-opml", help="subscribe to the feeds of an OPML file")
    c.add_argument("file", type=Path)

    c = sub.add_parser("export-opml", help="write subscriptions as OPML 2.0")
    c.add_argument("file", type=Path, nargs="?", help="default: standard output")

    c = sub.add_parser("refresh", help="fetch feeds and store new articles")
    c.add_argument("--due", action="store_true", help="only feeds whose interval has passed")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("articles", help="list stored articles, newest first")
    c.add_argument("--feed", metavar="FEED", help="a feed id or URL")
    c.add_argument("--ticker", metavar="SYM", help="articles mentioning this listing")
    c.add_argument("--unread", action="store_true")
    c.add_argument("--limit", type=_non_negative, default=50, metavar="N", help="0 for all")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("search", help="full-text search of the archive, best match first")
    c.add_argument("query", nargs="+")
    c.add_argument("--limit", type=_non_negative, default=50, metavar="N", help="0 for all")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("show", help="one stored article")
    c.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("tag", help="find companies, tickers and quotations in any text")
    c.add_argument("file", nargs="?", default="-", metavar="FILE",
                   help="a UTF-8 text file, or - for standard input (the default)")
    c.add_argument("--html", action="store_true", help="the input is HTML")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("watch", help="pin listings to the watchlist, unpin them, list them")
    w = c.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, what in (("add", "pin listings (Yahoo-style symbols: 9988.HK, BABA, ^NDX)"),
                       ("remove", "unpin listings")):
        a = w.add_parser(name, help=what)
        a.add_argument("symbols", nargs="+", metavar="SYM")
    a = w.add_parser("list", help="the pinned listings, in order")
    a.add_argument("--json", action="store_true")

    c = sub.add_parser("quote", help="latest quotes (the cached value when offline, marked stale)")
    c.add_argument("symbols", nargs="+", metavar="SYM")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("history", help="a listing's price history")
    c.add_argument("symbol", metavar="SYM")
    c.add_argument("--range", default="5d", choices=("1d", "5d", "1mo", "6mo", "1y"),
                   dest="range_")
    c.add_argument("--json", action="store_true")

    c = sub.add_parser("key", help="API keys of price providers, in the OS keyring")
    c.add_argument("action", choices=("set", "remove", "check"))
    c.add_argument("provider", metavar="PROVIDER",
                   help="finnhub, twelvedata or alphavantage")

    c = sub.add_parser("recover", help="a damaged archive: put back the newest backup, or "
                       "start fresh (the damaged file is kept, renamed)")
    c.add_argument("how", choices=("backup", "fresh"))

    for name, what in (("read", "mark articles read"), ("unread", "mark articles unread")):
        c = sub.add_parser(name, help=what)
        c.add_argument("article_ids", type=int, nargs="+", metavar="ARTICLE_ID")
    return p


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    from .core.logsetup import configure_logging
    from .core.paths import archive_path, data_dir

    if args.self_test:
        from .selftest import run as self_test

        return self_test()
    directory = data_dir(args.data_dir)
    if args.command is None:
        from .core.crashlog import install

        configure_logging(directory)
        install(directory)
        from .ui.app import run  # the only place the command line imports Qt

        return run(directory)
    handler = COMMANDS[args.command]
    try:
        if args.command in CREATING_COMMANDS or archive_path(directory).exists():
            configure_logging(directory)  # never create a data directory just to log in it
        return handler(args, directory)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("briefing: interrupted.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"briefing: {exc.strerror or exc} ({exc.filename or 'file system'}).",
              file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a defect: logged with its traceback, scrubbed, for a report
        from .core.crashlog import write_crash_log

        path = write_crash_log(directory, type(exc), exc, exc.__traceback__,
                               where=f"briefing {args.command}")
        print(f"briefing: an unexpected error ({type(exc).__name__}); the details are in "
              f"{path or 'the log'}.", file=sys.stderr)
        return EXIT_FAILED


def main_gui() -> int:
    return main([])


def _service(directory: Path, *, create: bool = False) -> Any:
    from .core.service import Service

    return Service(directory, create=create)


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- commands ---------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory, create=True) as svc:
        done = svc.add(args.url, folder=args.folder, full_text=args.full_text)
    feed = done.feed
    where = f" in {feed.folder}" if feed.folder else ""
    print(f"Subscribed to “{feed.title}” (feed {feed.id}){where}: {done.report.new} articles.")
    if done.report.error:
        print(f"briefing: {done.report.error}", file=sys.stderr)
    return EXIT_OK


def feed_json(feed: Feed) -> dict[str, Any]:
    return {
        "id": feed.id, "title": feed.title, "url": feed.url, "folder": feed.folder,
        "last_status": feed.last_status, "last_error": feed.last_error,
        "site_url": feed.site_url, "full_text": feed.full_text, "gone": feed.gone,
        "last_fetched": feed.last_fetched, "next_check": feed.next_check,
    }


def cmd_feeds(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory) as svc:
        feeds = svc.feeds()
    if args.json:
        _print_json([feed_json(f) for f in feeds])
        return EXIT_OK
    if not feeds:
        print("No subscriptions yet: briefing add URL, or briefing import-opml FILE.")
    for f in feeds:
        state = "gone" if f.gone else ("error" if f.last_error else (str(f.last_status or "new")))
        folder = f"[{f.folder}] " if f.folder else ""
        print(f"{f.id:>4}  {state:<5}  {folder}{f.title}  <{f.url}>")
        if f.last_error:
            print(f"{'':>13}{f.last_error}")
    return EXIT_OK


def cmd_unsubscribe(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory) as svc:
        feed = svc.unsubscribe(args.feed)
    print(f"Unsubscribed from “{feed.title}” (feed {feed.id}).")
    return EXIT_OK


def cmd_import_opml(args: argparse.Namespace, directory: Path) -> int:
    if not args.file.is_file():
        raise BriefingError(f"Cannot read {args.file}: no such file.")
    from .core.opml import parse_opml

    parse_opml(args.file.read_bytes())  # refuse a broken file before creating an archive
    with _service(directory, create=True) as svc:
        done = svc.import_opml(args.file)
    also = f" ({done.existing} already subscribed)" if done.existing else ""
    print(f"Imported {done.added} feeds in {done.folders} folders{also}. "
          "Run `briefing refresh` to fetch them.")
    return EXIT_OK


def cmd_export_opml(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory) as svc:
        text = svc.export_opml()
    if args.file:
        args.file.write_text(text, encoding="utf-8")
        print(f"Wrote {args.file}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def report_json(report: FeedReport) -> dict[str, Any]:
    return {"url": report.url, "new": report.new, "updated": report.updated,
            "status": report.status, "error": report.error, "id": report.feed_id}


def cmd_refresh(args: argparse.Namespace, directory: Path) -> int:
    show: Callable[[int, int, FeedReport], None] | None = None
    if not args.json and sys.stderr.isatty():
        def show(done: int, total: int, report: FeedReport) -> None:
            print(f"\r{done}/{total} feeds", end="", file=sys.stderr, flush=True)

    with _service(directory) as svc:
        titles = {f.id: f.title for f in svc.feeds()}
        result = svc.refresh(due_only=args.due, progress=show)
        svc.daily_backup()  # at most once a day; the newest three are kept
    if show:
        print(file=sys.stderr)
    if args.json:
        _print_json({
            "feeds": [report_json(r) for r in result.feeds],
            "new": result.new, "failed": result.failed,
            "skipped": [{"url": u, "reason": why} for u, why in result.skipped],
        })
        return EXIT_OK
    for r in sorted(result.feeds, key=lambda r: (r.error is None, titles.get(r.feed_id, ""))):
        name = titles.get(r.feed_id) or r.url
        if r.error:
            print(f"FAILED  {name}: {r.error}")
        elif r.new or r.updated:
            print(f"ok      {name}: {r.new} new, {r.updated} updated")
    for url, why in result.skipped:
        print(f"skipped {url}: {why}")
    print(f"Refreshed {len(result.feeds)} feeds: {result.new} new articles, "
          f"{result.failed} failed, {len(result.skipped)} skipped.")
    return EXIT_OK


def article_json(a: Article) -> dict[str, Any]:
    return {"id": a.id, "feed": a.feed_title, "feed_id": a.feed_id, "title": a.title,
            "url": a.url, "published": a.published, "read": a.read, "starred": a.starred,
            "author": a.author, "listings": list(a.listings)}


def _print_articles(articles: list[Article], as_json: bool) -> None:
    if as_json:
        _print_json([article_json(a) for a in articles])
        return
    for a in articles:
        mark = " " if a.read else "*"
        when = (a.published or a.fetched_at or "")[:16].replace("T", " ")
        print(f"{a.id:>6} {mark} {when:<16}  {a.feed_title[:24]:<24}  {a.title}")


def cmd_articles(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory) as svc:
        found = svc.articles(feed=args.feed, ticker=args.ticker, unread=args.unread,
                             limit=args.limit)
    _print_articles(found, args.json)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory) as svc:
        found = svc.search(" ".join(args.query), limit=args.limit)
    _print_articles(found, args.json)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, directory: Path) -> int:
    with _service(directory) as svc:
        a = svc.article(args.article_id)
        tags = svc.article_tags(args.article_id)
    from .core.tagging import to_json

    if args.json:
        data = article_json(a)
        data.update(text=a.text, content_html=a.content_html, summary_html=a.summary_html,
                    **to_json(tags))
        _print_json(data)
        return EXIT_OK
    print(a.title)
    meta = [a.feed_title, a.author or "", (a.published or "").replace("T", " ")]
    print(" · ".join(m for m in meta if m))
    if a.url:
        print(a.url)
    print()
    print(a.text)
    _print_tags(tags)
    return EXIT_OK


def _print_tags(tags: Any) -> None:
    if tags.entities:
        print("\nMentioned:")
        for e in tags.entities:
            listings = ", ".join(e.listings) if e.listings else e.type
            print(f"  {e.name} ({listings}) ×{len(e.mentions)}")
    if tags.quotations:
        print("\nWho said what:")
        for q in tags.quotations:
            who = q.speaker or "unattributed"
            role = ", ".join(x for x in (q.title, q.organization) if x)
            print(f"  {who}{f' ({role})' if role else ''}: “{q.text}”")


def cmd_tag(args: argparse.Namespace, directory: Path) -> int:
    from .core.sanitize import html_to_text, sanitize_html
    from .core.tagging import tag_text, to_json

    if args.file == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(args.file).read_bytes()
        except OSError as exc:
            raise BriefingError(f"Cannot read {args.file}: {exc.strerror or exc}.") from exc
    text = raw.decode("utf-8-sig", errors="replace")
    if args.html:
        text = html_to_text(sanitize_html(text))
    result = tag_text(text)
    if args.json:
        data = to_json(result)
        if args.html:
            data["text"] = text
        _print_json(data)
        return EXIT_OK
    if not (result.entities or result.quotations):
        print("Nothing found.")
    _print_tags(result)
    return EXIT_OK


def _mark(args: argparse.Namespace, directory: Path, read: bool) -> int:
    with _service(directory) as svc:
        missing = svc.mark_read(args.article_ids, read)
    for i in missing:
        print(f"briefing: No article {i} in the archive.", file=sys.stderr)
    return EXIT_FAILED if len(missing) == len(args.article_ids) else EXIT_OK


def cmd_recover(args: argparse.Namespace, directory: Path) -> int:
    from .core.backups import recover

    print(recover(directory, use_backup=args.how == "backup"))
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, directory: Path) -> int:
    if args.action == "list":
        with _service(directory) as svc:
            items = svc.watchlist()
        if args.json:
            _print_json([{"symbol": w.symbol, "name": w.name} for w in items])
        elif not items:
            print("The watchlist is empty: `briefing watch add SYM` pins a listing.")
        for w in [] if args.json else items:
            print(f"{w.symbol:<12} {w.name}")
        return EXIT_OK
    with _service(directory, create=args.action == "add") as svc:
        for symbol in args.symbols:
            if args.action == "add":
                done = svc.watch_add(symbol)
                if done.name is None:
                    print(f"briefing: {done.symbol} is not in Briefing's catalog: pinned, but "
                          "articles cannot be matched to it.", file=sys.stderr)
                print(f"Pinned {done.symbol}" + (f" ({done.name})." if done.name else ".")
                      if done.added else f"{done.symbol} was already pinned.")
            elif svc.watch_remove(symbol):
                print(f"Unpinned {symbol.strip().upper()}.")
            else:
                print(f"{symbol.strip().upper()} was not pinned.")
    return EXIT_OK


def cmd_quote(args: argparse.Namespace, directory: Path) -> int:
    from .core.market import QuoteFailure

    with _service(directory, create=True) as svc:
        found = svc.quotes(args.symbols)
    rows: list[dict[str, Any]] = []
    for q in found:
        if isinstance(q, QuoteFailure):
            rows.append({"symbol": q.symbol, "error": q.error})
            continue
        rows.append({"symbol": q.symbol, "price": q.price, "change": q.change,
                     "change_percent": q.change_percent, "currency": q.currency,
                     "as_of": q.as_of, "stale": q.stale, "provider": q.provider,
                     "market_open": q.market_open})
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            if "error" in row:
                print(f"briefing: {row['error']}", file=sys.stderr)
                continue
            change = "" if row["change"] is None else \
                f"  {row['change']:+.2f} ({row['change_percent'] or 0:+.2f}%)"
            stale = "  (last known: offline or no source answered)" if row["stale"] else ""
            print(f"{row['symbol']:<10} {row['price']:>12,.2f} {row['currency'] or '':<4}"
                  f"{change}  as of {row['as_of']} via {row['provider']}{stale}")
    return EXIT_OK if any("error" not in r for r in rows) else EXIT_FAILED


def cmd_history(args: argparse.Namespace, directory: Path) -> int:
    from datetime import UTC, datetime

    with _service(directory, create=True) as svc:
        bars = svc.history(args.symbol, args.range_)
    points = [{"t": datetime.fromtimestamp(t, UTC).isoformat(), "close": c}
              for t, c in bars.points]
    if args.json:
        _print_json({"symbol": bars.symbol, "range": bars.range, "currency": bars.currency,
                     "points": points, "stale": bars.stale, "provider": bars.provider})
        return EXIT_OK
    print(f"{bars.symbol} over {bars.range} ({bars.currency or 'currency unknown'}, "
          f"via {bars.provider}{', last known' if bars.stale else ''}): {len(points)} prices")
    for p in points:
        print(f"{p['t']}  {p['close']:,.4g}")
    return EXIT_OK


def cmd_key(args: argparse.Namespace, directory: Path) -> int:
    from .core.market import PROVIDERS

    cls = PROVIDERS.get(args.provider)
    if cls is None or not cls.needs_key:
        keyed = ", ".join(n for n, p in PROVIDERS.items() if p.needs_key)
        raise BriefingError(f"“{args.provider}” takes no key; keyed providers: {keyed}.")
    from .core.secrets import Secrets

    secrets = Secrets()
    if args.action == "remove":
        gone = secrets.remove(args.provider)
        print(f"Removed the {cls.label} key." if gone else f"No {cls.label} key was set.")
        return EXIT_OK
    if args.action == "set":
        key = _read_secret(f"{cls.label} API key: ")
        secrets.set(args.provider, key)
        where = f"the keyring ({secrets.backend_name})" if secrets.persistent else \
            "memory only: no keyring backend works here, so it is gone when this command ends"
        print(f"Stored the {cls.label} key in {where}.")
        if not secrets.persistent:
            return EXIT_FAILED
        return EXIT_OK
    with _service(directory, create=True) as svc:
        svc.secrets_factory = lambda: secrets
        print(svc.market.check_key(args.provider))
    return EXIT_OK


def _read_secret(prompt: str) -> str:
    """A secret from the terminal without echo, or the first line of standard input."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


CREATING_COMMANDS = frozenset({"add", "import-opml", "quote", "history"})

COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "add": cmd_add,
    "feeds": cmd_feeds,
    "unsubscribe": cmd_unsubscribe,
    "import-opml": cmd_import_opml,
    "export-opml": cmd_export_opml,
    "refresh": cmd_refresh,
    "watch": cmd_watch,
    "recover": cmd_recover,
    "quote": cmd_quote,
    "history": cmd_history,
    "key": cmd_key,
    "articles": cmd_articles,
    "search": cmd_search,
    "show": cmd_show,
    "tag": cmd_tag,
    "read": lambda a, d: _mark(a, d, True),
    "unread": lambda a, d: _mark(a, d, False),
}

if __name__ == "__main__":
    sys.exit(main())
