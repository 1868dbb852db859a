"""Fictional group files for benchmarks, generated deterministically.

Names are combinations of real Salford places with invented activities, so every name is
distinct without numbers in it. Phone numbers come from Ofcom's drama ranges and email
addresses from example.org; at scale they repeat, which the directory allows. Strings are
written as JSON, which is valid YAML, so no value can break a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import random
import re
import unicodedata
from pathlib import Path

import yaml

PLACES = [
    "Eccles", "Swinton", "Walkden", "Irlam", "Cadishead", "Pendleton", "Ordsall",
    "Broughton", "Kersal", "Weaste", "Seedley", "Langworthy", "Claremont", "Winton",
    "Monton", "Patricroft", "Worsley", "Boothstown", "Little Hulton", "Pendlebury",
    "Clifton", "Charlestown", "Higher Broughton", "Salford Quays", "Peel Green", "Barton",
    "Ellenbrook", "Wardley", "Lower Kersal", "Irlams o' th' Height",
]  # fmt: skip
QUALIFIERS = ["", "Community ", "Friendly ", "Neighbourhood ", "Together "]
# Each activity names the need it mostly helps with; together they cover every need in
# the sample needs.yaml, so a strict build has no "no group lists the need" warnings.
ACTIVITIES = [
    ("Friendship", "loneliness"), ("Walking", "physical-activity"),
    ("Knit and Natter", "loneliness"), ("Carers", "carers"),
    ("Memory Café", "long-term-conditions"), ("Men's Shed", "mental-wellbeing"),
    ("Baby and Toddler", "children-families"), ("Youth", "young-people"),
    ("Chair Exercise", "falls-prevention"), ("Gardening", "mental-wellbeing"),
    ("Food Bank", "food"), ("Community Pantry", "food"), ("Digital Drop-in", "digital-skills"),
    ("English Conversation", "esol"), ("Bereavement", "bereavement"),
    ("Recovery", "drugs-alcohol"), ("Money Advice", "money-debt"),
    ("Warm Space", "fuel-poverty"), ("Furniture Reuse", "furniture"),
    ("Tenants", "housing"), ("Dial-a-Ride", "transport"), ("Seniors Dance", "older-people"),
    ("Disability Sport", "disability"), ("Job Club", "employment-volunteering"),
    ("Safe Space", "domestic-abuse"), ("Singing for Health", "mental-wellbeing"),
    ("Stroke Support", "long-term-conditions"), ("Lunch", "food"),
    ("Parents", "children-families"), ("Sight Loss", "disability"),
]  # fmt: skip
KINDS = ["Club", "Group", "Café", "Circle", "Project", "Network", "Hub", "Collective"]
VENUES = [
    ("St Mary's Church Hall", "Church Street"), ("Community Centre", "Liverpool Road"),
    ("Library", "Chorley Road"), ("Methodist Hall", "Worsley Road"),
    ("Sports Centre", "Station Road"), ("Youth Centre", "Park Lane"),
    ("Health Centre", "Partington Lane"), ("Scout Hut", "Moorside Road"),
]  # fmt: skip
DISTRICTS = ["M3", "M5", "M6", "M7", "M27", "M28", "M30", "M38", "M44", "M50"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
LANGUAGES = ["ur", "pl", "ar", "ro", "ku", "so", "zh", "bn", "pa", "fa"]
ROUTES = ["self", "gp", "social-prescriber", "professional"]
COSTS = ["free", "free", "£2 a session", "£3.50 including lunch", "Donations welcome"]
SENTENCES = [
    "Everyone gets a warm welcome and a cup of tea.",
    "Volunteers run every session and most have been coming for years.",
    "You can come on your own or bring a friend, a carer or a relative.",
    "We can help with transport if getting out is hard; ring us first.",
    "There is no need to book for your first visit.",
    "We work closely with local GP practices and social prescribers.",
]
# For --real-text: descriptions as long as real council service records, whose lengths
# are roughly log-normal (median about 600 characters, a few near the 8,000 that feeds
# allow), built from varied phrases so that search and compression see varied words.
MEDIAN_CHARS, SIGMA, MAX_CHARS = 660, 0.9, 8000  # 660: sentences end a little short
OPENINGS = [
    "Our volunteers", "The session", "Our trained staff", "Each week we", "Together we",
    "The project", "Our friendly team", "Local people", "Every visit", "Members",
]  # fmt: skip
VERBS = [
    "offer", "provide", "share", "organise", "support", "run", "arrange", "welcome",
    "signpost to", "help with",
]  # fmt: skip
OBJECTS = [
    "practical advice on benefits, debt and housing", "gentle exercise for all abilities",
    "a hot meal and a chat", "one-to-one support from a named worker",
    "trips out to parks, museums and the seaside", "help filling in forms and applications",
    "a safe, quiet space to talk", "activities for children under five and their carers",
    "short courses in cooking on a budget", "information about other local services",
    "a regular newsletter in large print", "interpreters for Urdu, Polish and Arabic",
    "transport for people who cannot use buses", "a lending library of tablets",
    "peer support from people with lived experience", "art, craft and music sessions",
]  # fmt: skip
ENDINGS = [
    "", " for anyone who lives in Salford", " in a relaxed and friendly setting",
    " at no cost to you", " whenever you need it", " alongside the NHS and the council",
    " with a focus on independence", " in partnership with local schools",
]  # fmt: skip


def _names(count: int, rng: random.Random) -> list[tuple[str, int, int]]:
    """`count` distinct (name, place index, activity index), in a seeded order."""
    combos = list(itertools.product(range(len(PLACES)), QUALIFIERS, range(len(ACTIVITIES)), KINDS))
    if count > len(combos):
        raise ValueError(f"can generate at most {len(combos):,} distinct groups")
    rng.shuffle(combos)
    return [(f"{PLACES[p]} {q}{ACTIVITIES[a][0]} {k}", p, a) for p, q, a, k in combos[:count]]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def real_description(name: str, rng: random.Random) -> list[str]:
    """A description's YAML lines (indented block text), its length drawn like real ones."""
    target = min(MAX_CHARS, max(120, int(rng.lognormvariate(0, SIGMA) * MEDIAN_CHARS)))
    paragraphs: list[str] = [f"{name} has been part of the community for many years."]
    length = len(paragraphs[0])
    while length < target:
        if rng.random() < 0.2:
            items = [f"- {rng.choice(OBJECTS).capitalize()}." for _ in range(rng.randint(2, 5))]
            paragraph = "\n".join(items)
        else:
            sentences = [
                f"{rng.choice(OPENINGS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                f"{rng.choice(ENDINGS)}."
                for _ in range(rng.randint(2, 5))
            ]
            paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    text = "\n\n".join(paragraphs)
    text = text[: text.rfind(".", 0, target) + 1]  # end on a whole sentence near the target
    return ["description: |"] + [f"  {line}" if line else "" for line in text.split("\n")]


def group_text(
    name: str,
    place: int,
    activity: int,
    rng: random.Random,
    needs: list[str],
    areas: list[str],
    real_text: bool = False,
) -> str:
    """One group file's YAML; `needs` and `areas` are the slugs the project defines."""
    q = functools.partial(json.dumps, ensure_ascii=False)
    slug = _slug(name)
    host = slug[:60].strip("-")  # a DNS label holds at most 63 characters
    main_need = ACTIVITIES[activity][1]
    group_needs = [main_need] if main_need in needs else [needs[activity % len(needs)]]
    group_needs += rng.sample([n for n in needs if n not in group_needs], rng.randint(0, 2))
    if rng.random() < 0.05:
        places = ["everywhere"]
    else:
        places = [areas[place % len(areas)]]
        if rng.random() < 0.3:
            places += rng.sample([a for a in areas if a not in places], 1)
    summary = (
        f"{ACTIVITIES[activity][0]} for people in {PLACES[place]}: "
        "come along, meet people and get support."
    )
    lines = [
        "# Fictional benchmark data: this group does not exist.",
        f"name: {q(name)}",
        f"summary: {q(summary)}",
    ]
    if real_text:
        lines += real_description(name, rng)
    elif rng.random() < 0.6:
        body = " ".join(rng.sample(SENTENCES, 3))
        lines += [
            "description: |",
            f"  {name} meets every week. {body}",
            "",
            "  - Tea, coffee and biscuits at every session.",
            "  - Quiet room available if you need a break.",
        ]
    lines += [f"needs: [{', '.join(group_needs)}]", f"neighbourhoods: [{', '.join(places)}]"]
    lines.append("contact:")
    if rng.random() < 0.7:
        lines.append(f"  phone: 0161 496 0{rng.randrange(1000):03d}")
    else:
        lines.append(f"  phone: 07700 900{rng.randrange(1000):03d}")
    lines.append(f"  email: {q(f'hello@{host}.example.org')}")
    if rng.random() < 0.5:
        lines.append(f"  website: {q(f'https://{host}.example.org')}")
    venues = rng.sample(VENUES, rng.choice([0, 1, 1, 1, 2]))
    if venues:
        lines.append("venues:")
    for hall, street in venues:
        district = DISTRICTS[(place + activity) % len(DISTRICTS)]
        lines += [
            f"  - name: {q(f'{PLACES[place]} {hall}')}",
            f"    address: {q(f'{rng.randint(1, 199)} {street}, {PLACES[place]}')}",
            f"    postcode: {district} {rng.randint(0, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXY')}",
            f"    lat: {53.47 + rng.random() * 0.07:.4f}",
            f"    lon: {-2.45 + rng.random() * 0.2:.4f}",
            f"    step_free: {q(rng.random() < 0.8)}",
            f"    accessible_toilet: {q(rng.random() < 0.6)}",
        ]
        if rng.random() < 0.5:
            lines.append(f"    public_transport: {q(f'Buses stop on {street}')}")
    if venues:
        lines.append("sessions:")
        for day in sorted(rng.sample(range(7), rng.randint(1, 3))):
            opens = rng.randint(9, 18)
            lines += [
                f"  - day: {DAYS[day]}",
                f'    opens: "{opens:02d}:{rng.choice(["00", "30"])}"',
                f'    closes: "{opens + rng.randint(1, 3):02d}:00"',
                f"    venue: {q(f'{PLACES[place]} {venues[0][0]}')}",
            ]
            if rng.random() < 0.2:
                lines.append(f"    weeks_of_month: [{rng.choice(['1, 3', '2, 4', '1'])}]")
    lines.append(f"cost: {q(rng.choice(COSTS))}")
    if rng.random() < 0.4:
        lines += ["eligibility:", f"  min_age: {rng.choice([11, 16, 18, 50, 60])}"]
    langs = ["en"] + rng.sample(LANGUAGES, rng.choice([0, 0, 0, 1, 2]))
    lines.append(f"languages: [{', '.join(langs)}]")
    routes = sorted(rng.sample(ROUTES, rng.randint(1, 3)), key=ROUTES.index)
    lines += ["referral:", f"  routes: [{', '.join(routes)}]"]
    reviewed = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
    lines.append(f"last_reviewed: {reviewed.isoformat()}")
    return "\n".join(lines) + "\n"


def write_groups(
    project: Path, count: int, seed: int = 8, real_text: bool = False
) -> list[str]:
    """Write `count` group files into project/groups/ using its needs and neighbourhoods;
    return the group names. `real_text`: descriptions as long as real councils' records."""
    needs_data = yaml.safe_load((project / "needs.yaml").read_text(encoding="utf-8"))
    needs = [n["slug"] for n in needs_data["needs"]]
    areas = sorted(p.stem for p in (project / "neighbourhoods").glob("*.yaml"))
    rng = random.Random(seed)
    folder = project / "groups"
    folder.mkdir(exist_ok=True)
    names = []
    for name, place, activity in _names(count, rng):
        path = folder / f"{_slug(name)}.yaml"
        text = group_text(name, place, activity, rng, needs, areas, real_text)
        path.write_text(text, encoding="utf-8")
        names.append(name)
    return names
