"""sync_registry writes organisations and models (with base links) to both databases."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.leaderboards.base import BoardEntry
from store.models import Model, Organisation
from store.registry import load_registry
from store.registry.sync import sync_registry


def test_sync_writes_rows_and_is_idempotent(engine: Engine) -> None:
    registry = load_registry()
    entries = [
        BoardEntry("DeepSeek-R1", 1, 1363.0, organisation="DeepSeek", licence="MIT"),
        BoardEntry("Qwen-Max-0919", 2, 1263.0, organisation="Alibaba", licence="Qwen"),
    ]
    with Session(engine) as session:
        counts = sync_registry(session, registry, entries)
        session.commit()
    with Session(engine) as session:
        counts_again = sync_registry(session, registry, entries)
        session.commit()
    assert counts == counts_again
    with Session(engine) as session:
        orgs = {o.name: o for o in session.exec(select(Organisation)).all()}
        models = {m.name: m for m in session.exec(select(Model)).all()}
    assert len(orgs) == len(registry.organisations) == counts.organisations
    assert len(models) == counts.models
    assert orgs["DeepSeek"].country == "CN"
    assert "DeepSeek AI" in orgs["DeepSeek"].aliases

    athene = models["Athene-v2-Chat-72B"]
    base = models["Qwen2.5-72B"]
    assert athene.base_model_id == base.id
    assert athene.organisation_id == orgs["Nexusflow"].id
    assert base.organisation_id == orgs["Alibaba"].id
    assert (athene.licence_class, athene.open_weights) == ("restricted", True)

    r1 = models["DeepSeek-R1"]
    assert (r1.licence, r1.licence_class, r1.family) == ("MIT", "permissive", "deepseek")
    qwen_max = models["Qwen-Max-0919"]
    assert (qwen_max.licence_class, qwen_max.open_weights) == ("proprietary", False)
    assert qwen_max.base_model_id is None
