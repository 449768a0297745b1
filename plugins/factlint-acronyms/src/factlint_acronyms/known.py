"""Acronyms a general news reader knows better than their expansions.

The test for inclusion: a desk would not spell it out on first reference, because
readers know the short form and many would not recognise the long one (wire
stylebooks let most of these stand alone). Two-letter forms (US, UK, EU, UN, TV)
need no entry: the rule ignores acronyms shorter than ``min_length`` (3) anyway.
A newsroom adds its own beat's list with the rule's ``known`` option.
"""

from __future__ import annotations

__all__ = ["BUILT_IN_KNOWN"]

BUILT_IN_KNOWN = frozenset(
    {
        # Countries, unions and blocs
        "USA", "UAE", "USSR", "DRC", "NATO", "ASEAN", "OPEC", "OECD", "BRICS", "NAFTA",
        # International bodies
        "UNESCO", "UNICEF", "UNHCR", "UNRWA", "IAEA", "IMF", "WHO", "WTO", "ICC", "ICJ", "ECB",
        # Governments, forces and agencies readers meet every day
        "FBI", "CIA", "NSA", "KGB", "FSB", "NASA", "ESA", "NHS", "EPA", "FDA", "CDC", "IRS", "DEA",
        "ICE", "TSA", "FAA", "SEC", "DHS", "DOJ", "GOP", "NYPD", "LAPD", "IDF", "PLO", "ISIS",
        "ISIL", "IRA", "ETA", "SAS", "RAF", "MI5", "MI6", "USAID", "DOGE",
        "INTERPOL", "EUROPOL",
        # Ship prefixes: part of a name, never spelled out
        "USS", "HMS", "HMAS", "HMCS", "RFA", "INS", "IRIS",
        # Diseases and science
        "COVID", "SARS", "MERS", "HIV", "AIDS", "DNA", "RNA", "MRI", "ICU", "CPR", "ADHD", "PTSD",
        # Business and economy
        "CEO", "CFO", "COO", "CTO", "GDP", "VAT", "IPO", "LLC", "PLC", "ATM", "NYSE", "NASDAQ", "S&P",
        "LNG", "LPG", "OPEC",
        # Companies whose name is their initials: spelling them out would puzzle readers
        "IBM", "AMD", "HP", "BMW", "KFC", "IKEA", "DHL", "UPS", "KLM", "HSBC", "BHP", "TSMC", "BBVA",
        "AT&T", "CNBC", "LVMH", "SAP", "YPF", "KPMG", "EY", "PwC", "JBS", "SABIC",
        # Media
        "BBC", "CNN", "NBC", "CBS", "ABC", "PBS", "NPR", "AFP", "ITV", "CBC", "RTE", "HBO", "ESPN",
        # Sport
        "FIFA", "UEFA", "NBA", "WNBA", "NFL", "NHL", "MLB", "MLS", "NCAA", "NASCAR", "UFC", "WWE",
        "ATP", "WTA", "IOC", "CONCACAF", "MVP",
        # Everyday technology and life
        "USB", "GPS", "SMS", "PDF", "URL", "DVD", "SUV", "UFO", "VIP", "LGBT", "LGBTQ", "LGBTQIA",
        "CCTV", "ASAP", "FAQ", "DIY", "PIN",
        # Time zones
        "GMT", "UTC", "EST", "EDT", "PST", "PDT", "BST", "CET", "CEST",
    }
)
