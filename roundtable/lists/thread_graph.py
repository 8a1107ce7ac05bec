"""The scratch graph that threading a list works on, in SQL (steps 1 and 3 of `threading`).

One `ThreadingNode` per Message-ID (held or referenced), one `ThreadingEdge` from a message to
each id it references (both ways) and for each subject join; each node's label becomes the
smallest node id of its connected part, so a part's messages can be read a page at a time.
The tables are emptied after each run.
"""

from __future__ import annotations

from django.db import connection

from .models import MailingList, Message, ThreadingEdge, ThreadingNode, ThreadingRoot


def clear_graph(mailing_list: MailingList) -> None:
    for model in (ThreadingEdge, ThreadingNode, ThreadingRoot):
        model.objects.filter(mailing_list=mailing_list).delete()


def fill_graph(mailing_list: MailingList) -> None:
    """Nodes (each Message-ID held or referenced) and edges (a message to each id it
    references, both ways), all in SQL."""
    table, edges = ThreadingNode._meta.db_table, ThreadingEdge._meta.db_table
    messages, quote = Message._meta.db_table, connection.ops.quote_name
    refs = (
        'jsonb_array_elements_text(m."references") AS r(value)'
        if connection.vendor == "postgresql"
        else 'json_each(m."references") AS r'
    )
    pk = mailing_list.pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (mailing_list_id, message_id, label) "  # noqa: S608
            f"SELECT %s, ids.mid, 0 FROM (SELECT m.message_id AS mid FROM {messages} m "
            f"WHERE m.mailing_list_id = %s UNION SELECT r.value FROM {messages} m, {refs} "
            "WHERE m.mailing_list_id = %s) AS ids",
            [pk, pk, pk],
        )
        cursor.execute(f"UPDATE {table} SET label = id WHERE mailing_list_id = %s", [pk])  # noqa: S608
        cursor.execute(
            f"WITH pairs AS MATERIALIZED (SELECT a.id AS one, b.id AS other "  # noqa: S608
            f"FROM {messages} m CROSS JOIN {refs} CROSS JOIN {table} a CROSS JOIN {table} b "
            "WHERE m.mailing_list_id = %s AND a.mailing_list_id = %s "
            "AND a.message_id = m.message_id AND b.mailing_list_id = %s "
            "AND b.message_id = r.value AND a.id <> b.id) "
            f"INSERT INTO {edges} (mailing_list_id, source, target, {quote('is_join')}) "
            "SELECT %s, one, other, %s FROM pairs UNION SELECT %s, other, one, %s FROM pairs",
            [pk, pk, pk, pk, False, pk, False],
        )
        if connection.vendor == "postgresql":
            # The scratch tables were just filled inside this transaction, so their statistics
            # still say "empty": without fresh ones the planner picks nested loops that make
            # each label-propagation pass quadratic (minutes for a few thousand messages).
            cursor.execute(f"ANALYZE {table}, {edges}")  # noqa: S608


def propagate_labels(mailing_list: MailingList) -> None:
    """Each node's label becomes the smallest node id of its connected part: take the
    smallest label among neighbours, then jump (a label is a node id: take that node's
    label), until nothing changes. (UPDATE ... FROM: SQLite 3.33+, PostgreSQL.)"""
    table, edges = ThreadingNode._meta.db_table, ThreadingEdge._meta.db_table
    spread = (
        f"UPDATE {table} SET label = x.low FROM (SELECT e.source AS node, "  # noqa: S608
        f"MIN(n.label) AS low FROM {edges} e JOIN {table} n ON n.id = e.target "
        f"WHERE e.mailing_list_id = %s GROUP BY e.source) AS x "
        f"WHERE {table}.id = x.node AND {table}.label > x.low"
    )
    jump = (
        f"UPDATE {table} SET label = n.label FROM {table} n "  # noqa: S608
        f"WHERE {table}.mailing_list_id = %s AND n.id = {table}.label "
        f"AND {table}.label > n.label"
    )
    with connection.cursor() as cursor:
        while True:
            cursor.execute(spread, [mailing_list.pk])
            if cursor.rowcount == 0:
                break
            while True:
                cursor.execute(jump, [mailing_list.pk])
                if cursor.rowcount == 0:
                    break


def merge_joined(mailing_list: MailingList) -> None:
    """Give the two parts of each subject join one label (the smaller): few joins, each an
    indexed update of one part's nodes."""
    table, edges = ThreadingNode._meta.db_table, ThreadingEdge._meta.db_table
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT a.label, b.label FROM {edges} e "  # noqa: S608
                f"JOIN {table} a ON a.id = e.source JOIN {table} b ON b.id = e.target "
                "WHERE e.mailing_list_id = %s AND e.is_join AND a.label <> b.label LIMIT 500",
                [mailing_list.pk],
            )
            pairs = cursor.fetchall()
            if not pairs:
                return
            for one, other in pairs:  # a label already merged away updates nothing
                cursor.execute(
                    f"UPDATE {table} SET label = %s "  # noqa: S608
                    "WHERE mailing_list_id = %s AND label = %s",
                    [min(one, other), mailing_list.pk, max(one, other)],
                )
