"""Where a venue is, for the addresses the open data gives: town, region and country.

The region and the town come from the site's configuration (mkdocs.yml `extra: region:`,
`town:`), and hold only inside the area the directory covers: the postcode districts in
neighbourhoods/postcode-districts.csv. A venue elsewhere (an imported one in Bristol, say)
is named by its postcode area instead, because claiming it is in the configured region
would send people to the wrong place.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import takewhile

from ..data.models import Venue

COUNTRY = "GB"

# Royal Mail's postcode areas and the name each is known by.
_AREAS = """
AB Aberdeen|AL St Albans|B Birmingham|BA Bath|BB Blackburn|BD Bradford|BH Bournemouth
BL Bolton|BN Brighton|BR Bromley|BS Bristol|BT Belfast|CA Carlisle|CB Cambridge|CF Cardiff
CH Chester|CM Chelmsford|CO Colchester|CR Croydon|CT Canterbury|CV Coventry|CW Crewe
DA Dartford|DD Dundee|DE Derby|DG Dumfries|DH Durham|DL Darlington|DN Doncaster
DT Dorchester|DY Dudley|E London|EC London|EH Edinburgh|EN Enfield|EX Exeter|FK Falkirk
FY Blackpool|G Glasgow|GL Gloucester|GU Guildford|HA Harrow|HD Huddersfield|HG Harrogate
HP Hemel Hempstead|HR Hereford|HS Outer Hebrides|HU Hull|HX Halifax|IG Ilford|IP Ipswich
IV Inverness|KA Kilmarnock|KT Kingston upon Thames|KW Kirkwall|KY Kirkcaldy|L Liverpool
LA Lancaster|LD Llandrindod Wells|LE Leicester|LL Llandudno|LN Lincoln|LS Leeds|LU Luton
M Manchester|ME Rochester|MK Milton Keynes|ML Motherwell|N London|NE Newcastle upon Tyne
NG Nottingham|NN Northampton|NP Newport|NR Norwich|NW London|OL Oldham|OX Oxford
PA Paisley|PE Peterborough|PH Perth|PL Plymouth|PO Portsmouth|PR Preston|RG Reading
RH Redhill|RM Romford|S Sheffield|SA Swansea|SE London|SG Stevenage|SK Stockport
SL Slough|SM Sutton|SN Swindon|SO Southampton|SP Salisbury|SR Sunderland
SS Southend-on-Sea|ST Stoke-on-Trent|SW London|SY Shrewsbury|TA Taunton|TD Galashiels
TF Telford|TN Tonbridge|TQ Torquay|TR Truro|TS Cleveland|TW Twickenham|UB Southall
W London|WA Warrington|WC London|WD Watford|WF Wakefield|WN Wigan|WR Worcester|WS Walsall
WV Wolverhampton|YO York|ZE Lerwick
"""
POSTCODE_AREAS = dict(
    entry.strip().split(" ", 1) for line in _AREAS.strip().splitlines() for entry in line.split("|")
)


@dataclass(frozen=True)
class SiteInfo:
    """What the open data needs from the site's configuration: its address and its area."""

    url: str | None = None  # site_url, for links to the pages
    region: str | None = None  # extra: region, e.g. Greater Manchester
    town: str | None = None  # extra: town, e.g. Salford, for an address that names none
    districts: Collection[str] = frozenset()  # the postcode districts the region holds

    def covers(self, venue: Venue) -> bool:
        return district(venue.postcode) in self.districts


def site_info(
    districts: Collection[str],
    site: SiteInfo | str | None,
    extra: Mapping[str, object] | None = None,
) -> SiteInfo:
    """A SiteInfo from mkdocs.yml's `site_url` and `extra`; a SiteInfo passes through."""
    if isinstance(site, SiteInfo):
        return site
    region, town = (extra or {}).get("region"), (extra or {}).get("town")
    return SiteInfo(
        url=site,
        region=str(region) if region else None,
        town=str(town) if town else None,
        districts=frozenset(districts),
    )


def district(postcode: str) -> str:
    """'M30' from 'M30 0LS', 'm300ls' or 'M30'."""
    text = "".join(postcode.upper().split())
    return text[:-3] if len(text) > 4 else text


def area_name(postcode: str) -> str:
    """The postcode area's name: 'Bristol' for BS34 5LP; the letters if we do not know it."""
    letters = "".join(takewhile(str.isalpha, district(postcode)))
    return POSTCODE_AREAS.get(letters, letters)


def street_and_town(venue: Venue, site: SiteInfo) -> tuple[str, str]:
    """('12 Church Street', 'Eccles') from '12 Church Street, Eccles'; the configured town
    (or, elsewhere, the postcode area) when the address names none."""
    street, comma, town = venue.address.rpartition(",")
    if comma and street.strip() and town.strip():
        return street.strip(), town.strip()
    if site.covers(venue) and site.town:
        return venue.address, site.town
    return venue.address, area_name(venue.postcode)


def region(venue: Venue, site: SiteInfo) -> str:
    """The configured region for a venue inside it; the postcode area's name elsewhere."""
    if site.covers(venue) and site.region:
        return site.region
    return area_name(venue.postcode)
