"""Registry facts: licence classes, overrides, fine-tune links, families, surfaces."""

from __future__ import annotations

import pytest

from store.leaderboards.base import BoardEntry
from store.registry import load_registry
from store.registry import registry as registry_module
from store.registry.base import RegistryLike


@pytest.mark.parametrize(
    ("licence", "expected"),
    [
        ("Apache 2.0", "permissive"),
        ("Apache-2.0", "permissive"),
        ("apache 2.0", "permissive"),
        ("MIT", "permissive"),
        ("Modified MIT", "permissive"),
        ("Llama 3.1 Community", "restricted"),
        ("Llama-3.3", "restricted"),
        ("Gemma license", "restricted"),
        ("Qianwen LICENSE", "restricted"),
        ("DeepSeek License", "restricted"),
        ("CC-BY-NC-4.0", "restricted"),
        ("NVIDIA Open Model", "restricted"),
        ("Non-commercial", "restricted"),
        ("Proprietary", "proprietary"),
        ("Propretary", "proprietary"),
        ("Other", None),
        ("N/A", None),
        ("Some New Licence 9", None),
    ],
)
def test_licence_classes(licence: str, expected: str | None) -> None:
    assert load_registry().licence_class(licence) == expected


def test_organisation_spellings() -> None:
    registry = load_registry()
    for spelling, canonical, country in [
        ("DeepSeek", "DeepSeek", "CN"),
        ("DeepSeek AI", "DeepSeek", "CN"),
        ("Zhipu", "Zhipu AI", "CN"),
        ("Zhipu AI", "Zhipu AI", "CN"),
        ("Z.ai", "Zhipu AI", "CN"),
        ("NexusFlow", "Nexusflow", "US"),
        ("Nexusflow", "Nexusflow", "US"),
        ("Mistral", "Mistral", "FR"),
        ("Ai2", "Ai2", "US"),
        ("Allen AI", "Ai2", "US"),
        ("Mai AI", "Microsoft", "US"),
        ("01 AI", "01 AI", "CN"),
        ("Cohere", "Cohere", "CA"),
    ]:
        org = registry.organisation(spelling)
        assert org is not None, spelling
        assert (org.name, org.country) == (canonical, country)
    assert registry.organisation("Nonexistent Labs") is None


def test_board_licence_and_organisation_are_used() -> None:
    # lmarena-text 2025-03-01.csv: "DeepSeek-R1,...,DeepSeek,MIT"
    facts = load_registry().facts("DeepSeek-R1", "DeepSeek", "MIT")
    assert (facts.organisation, facts.country, facts.licence_class) == (
        "DeepSeek",
        "CN",
        "permissive",
    )
    assert facts.open_weights is True


def test_qwen_max_0919_override_beats_the_board() -> None:
    # lmarena-text 2024-10-16.csv lists "Qwen-Max-0919,...,Alibaba,Qwen"
    facts = load_registry().facts("Qwen-Max-0919", "Alibaba", "Qwen")
    assert facts.licence_class == "proprietary"
    assert facts.open_weights is False


@pytest.mark.parametrize(
    ("model", "org", "licence", "expected"),
    [
        # 2024-08-01.csv says Proprietary, 2024-08-02.csv says DeepSeek: weights were published
        ("Deepseek-v2-API-0628", "DeepSeek AI", "Proprietary", "restricted"),
        ("Deepseek-v2-API-0628", "DeepSeek AI", "DeepSeek", "restricted"),
        # Mistral-Large-2407 flips between "Mistral Research" and "Proprietary"
        ("Mistral-Large-2407", "Mistral", "Proprietary", "restricted"),
        # the experimental Maverick build: licence "", "N/A" or "Llama"; never released
        ("Llama-4-Maverick-03-26-Experimental", "Meta", "N/A", "proprietary"),
        ("Llama-4-Maverick-03-26-Experimental", "Meta", "Llama", "proprietary"),
        # scatterplot-data.json says Apache 2.0 for the API-only Qwen3-Max
        ("qwen3-max-preview", None, None, "proprietary"),
        # InternLM2.5's licence cell is "Other"
        ("InternLM2.5-20b-chat", "InternLM", "Other", "restricted"),
    ],
)
def test_model_overrides(model: str, org: str | None, licence: str | None, expected: str) -> None:
    assert load_registry().facts(model, org, licence).licence_class == expected


@pytest.mark.parametrize(
    ("model", "org", "licence", "base", "own_country", "base_country"),
    [
        ("Athene-v2-Chat-72B", "NexusFlow", "NexusFlow", "Qwen2.5-72B", "US", "CN"),
        ("athene-v2-chat", None, None, "Qwen2.5-72B", "US", "CN"),
        ("Athene-70B", "NexusFlow", "CC-BY-NC-4.0", "Llama-3-70B", "US", "US"),
        ("athene-70b-0725", None, None, "Llama-3-70B", "US", "US"),
        ("Llama-3.1-Nemotron-70B-Instruct", "Nvidia", "Llama 3.1", "Llama-3.1-70B", "US", "US"),
        ("Llama-3.1-Nemotron-51B-Instruct", "Nvidia", "Llama 3.1", "Llama-3.1-70B", "US", "US"),
        ("Llama-3.1-Tulu-3-70B", "Ai2", "Llama 3.1", "Llama-3.1-70B", "US", "US"),
        (
            "Nous-Hermes-2-Mixtral-8x7B-DPO",
            "NousResearch",
            "Apache-2.0",
            "Mixtral-8x7B",
            "US",
            "FR",
        ),
        ("intellect-3", None, None, "GLM-4.5-Air", "US", "CN"),
    ],
)
def test_fine_tune_links(
    model: str,
    org: str | None,
    licence: str | None,
    base: str,
    own_country: str,
    base_country: str,
) -> None:
    facts = load_registry().facts(model, org, licence)
    assert (facts.base_model, facts.country, facts.base_country) == (
        base,
        own_country,
        base_country,
    )


@pytest.mark.parametrize(
    ("catalog_id", "org", "country", "licence_class", "family"),
    [
        # ids from arena-catalog leaderboard-text-2025-11-05 / 2025-12-11 (no org, no licence)
        ("deepseek-r1", "DeepSeek", "CN", "permissive", "deepseek"),
        ("deepseek-v3", "DeepSeek", "CN", "restricted", "deepseek"),
        ("qwen3-235b-a22b", "Alibaba", "CN", "permissive", "qwen"),
        ("qwen-max-2025-08-15", "Alibaba", "CN", "proprietary", "qwen"),
        ("gemma-3-27b-it", "Google", "US", "restricted", "gemma"),
        ("kimi-k2-0711-preview", "Moonshot", "CN", "permissive", "kimi"),
        ("glm-4.5", "Zhipu AI", "CN", "permissive", "glm"),
        ("glm-4.6", "Zhipu AI", "CN", "permissive", "glm"),
        ("minimax-m2", "MiniMax", "CN", "permissive", "minimax"),
        ("gpt-oss-120b", "OpenAI", "US", "permissive", "gpt-oss"),
        ("gpt-5.1-high", "OpenAI", "US", "proprietary", "gpt"),
        ("o3-2025-04-16", "OpenAI", "US", "proprietary", "gpt"),
        ("claude-opus-4-5-20251101", "Anthropic", "US", "proprietary", "claude"),
        ("gemini-3-pro", "Google", "US", "proprietary", "gemini"),
        ("grok-4.1-thinking", "xAI", "US", "proprietary", "grok"),
        ("mistral-large-3", "Mistral", "FR", "permissive", "mistral"),
        ("ernie-5.0-preview-1103", "Baidu", "CN", "proprietary", "ernie"),
        ("longcat-flash-chat", "Meituan", "CN", "permissive", "longcat"),
        ("ling-flash-2.0", "Ant Group", "CN", "permissive", "ling"),
        ("step-3", "StepFun", "CN", "permissive", "step"),
        ("olmo-3-32b-think", "Ai2", "US", "permissive", "olmo"),
        ("mai-1-preview", "Microsoft", "US", "proprietary", "mai"),
        ("llama-3.1-nemotron-ultra-253b-v1", "NVIDIA", "US", "restricted", "nemotron"),
    ],
)
def test_catalog_ids_placed_by_family(
    catalog_id: str, org: str, country: str, licence_class: str, family: str
) -> None:
    facts = load_registry().facts(catalog_id)
    assert (facts.organisation, facts.country, facts.licence_class, facts.family) == (
        org,
        country,
        licence_class,
        family,
    )


def test_unknown_published_organisation_is_not_guessed_from_the_name() -> None:
    registry = load_registry()
    facts = registry.facts("Llama-3.1-SomeTune-70B", "Brand New Lab", "Llama 3.1")
    assert facts.organisation is None and facts.country is None
    assert facts.licence_class == "restricted"  # the licence string is known


def test_unknown_licence_string_is_none_not_the_family_default() -> None:
    facts = load_registry().facts("Qwen9-100B", "Alibaba", "Qwen Future Licence")
    assert facts.country == "CN"
    assert facts.licence_class is None
    assert facts.open_weights is None


def test_unplaced_lists_what_the_registry_cannot_tell() -> None:
    registry = load_registry()
    entries = [
        BoardEntry("DeepSeek-R1", 1, 1360.0, organisation="DeepSeek", licence="MIT"),
        BoardEntry("mystery-model-7", 2, 1300.0),
        BoardEntry("Qwen9-100B", 3, 1290.0, organisation="Alibaba", licence="Weird"),
    ]
    assert registry.unplaced(entries) == ["Qwen9-100B", "mystery-model-7"]
    assert registry.unplaced(["gemma-3-27b-it", "zork-1"]) == ["zork-1"]


def test_facts_are_memoised() -> None:
    registry = load_registry()
    first = registry.facts("glm-4.5")
    assert registry.facts("glm-4.5") is first


def test_registry_satisfies_the_protocol() -> None:
    registry: RegistryLike = load_registry()
    assert registry.facts("o1-mini").country == "US"


def test_surface_names_for_the_gazetteer() -> None:
    surfaces = load_registry().surface_names()
    assert surfaces["deepseek ai"] == "org:DeepSeek"
    assert surfaces["deepseek"] == "org:DeepSeek"  # org wins over the family of that name
    assert surfaces["z.ai"] == "org:Zhipu AI"
    assert surfaces["qwen"] == "family:qwen"
    assert surfaces["kimi"] == "org:Moonshot"  # listed as a Moonshot alias
    assert surfaces["gemini"] == "family:gemini"
    assert surfaces["chinese"] == "country:CN"
    assert surfaces["u.s."] == "country:US"
    assert surfaces["french"] == "country:FR"
    assert all(k == k.lower() for k in surfaces)


def test_country_names() -> None:
    registry = load_registry()
    assert registry.country("Chinese") == "CN"
    assert registry.country("United States") == "US"
    assert registry.country("American") == "US"
    assert registry.country("us") == "US"
    assert registry.country("Atlantis") is None


def test_bad_data_is_rejected_with_the_entry_named() -> None:
    from store.registry import data_files as files

    orgs = files.organisations()
    bad_model = files.ModelSpec(name="X-1", organisation="Nowhere Inc", why="test")
    with pytest.raises(ValueError, match="Nowhere Inc"):
        registry_module.build(
            orgs,
            files.licences(),
            files.families(),
            [bad_model],
            [],
            files.countries(),
            [],
        )
    dangling = files.ModelSpec(name="Y-1", base="Missing-Base", why="test")
    with pytest.raises(ValueError, match="Missing-Base"):
        registry_module.build(
            orgs, files.licences(), files.families(), [dangling], [], files.countries(), []
        )
