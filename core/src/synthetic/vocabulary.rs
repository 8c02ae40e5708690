//! The words a synthetic register is made of: agencies and their officers'
//! roles, situations for case summaries, and the phrases recommendations,
//! actions and quarterly notes are built from. Every case summary starts
//! "Synthetic." so no one reads generated text as a real family's story.

/// Lead and referring agencies, with the roles that lead actions for them.
pub const AGENCIES: &[(&str, &[&str])] = &[
    (
        "Children's Social Care",
        &[
            "Principal social worker",
            "Head of service, safeguarding",
            "Service manager, assessment",
        ],
    ),
    (
        "Adult Social Care",
        &[
            "Principal social worker (adults)",
            "Head of adult safeguarding",
            "Service manager, locality teams",
        ],
    ),
    (
        "Police",
        &[
            "Detective Chief Inspector, Public Protection",
            "Detective Inspector, MASH",
            "Superintendent, safeguarding",
        ],
    ),
    (
        "Integrated Care Board",
        &[
            "Designated nurse, safeguarding children",
            "Designated professional, safeguarding adults",
            "Named GP",
        ],
    ),
    (
        "Acute hospital trust",
        &[
            "Head of safeguarding",
            "Named nurse, safeguarding children",
            "Named midwife",
        ],
    ),
    (
        "Mental health trust",
        &[
            "Head of safeguarding",
            "Named nurse, safeguarding adults",
            "Clinical director, community services",
        ],
    ),
    (
        "Community health services",
        &[
            "Head of health visiting",
            "School nursing lead",
            "Named nurse, safeguarding children",
        ],
    ),
    (
        "Education",
        &[
            "Head of inclusion",
            "Education safeguarding adviser",
            "Virtual school head",
        ],
    ),
    (
        "Probation Service",
        &[
            "Head of public protection",
            "Senior probation officer",
            "Head of service, probation delivery unit",
        ],
    ),
    (
        "Housing",
        &[
            "Head of housing needs",
            "Tenancy services manager",
            "Homelessness prevention manager",
        ],
    ),
    (
        "Ambulance service",
        &["Head of safeguarding", "Safeguarding practitioner lead"],
    ),
    (
        "Youth Justice Service",
        &["Head of youth justice", "Operational manager"],
    ),
    ("Early Help", &["Head of early help", "Family hub manager"]),
    (
        "Drug and alcohol service",
        &["Service manager", "Clinical lead"],
    ),
    (
        "Domestic abuse service",
        &["Service manager", "IDVA team leader"],
    ),
    (
        "Safeguarding partnership",
        &[
            "Business manager",
            "Training and development manager",
            "Quality assurance officer",
        ],
    ),
];

/// Who a referral for case review comes from.
pub const REFERRERS: &[&str] = &[
    "Children's Social Care",
    "Adult Social Care",
    "Police",
    "Emergency Department",
    "GP practice",
    "Health visiting service",
    "Education",
    "Probation Service",
    "Housing",
    "Ambulance service",
    "Mental health trust",
    "Youth Justice Service",
    "Coroner's officer",
    "Domestic abuse service",
];

/// Who the case is about, by kind: child, adult, joint.
pub const SUBJECTS: [&[&str]; 3] = [
    &[
        "Infant",
        "Baby",
        "Toddler",
        "Young child",
        "Primary-age child",
        "Teenager",
        "Adolescent",
        "Young person",
    ],
    &[
        "Older woman",
        "Older man",
        "Young adult",
        "Woman with learning disabilities",
        "Man living alone",
        "Adult with care and support needs",
        "Care home resident",
        "Young man leaving care",
    ],
    &[
        "Mother and baby",
        "Young mother, herself a care leaver, and her child",
        "Father and two children",
        "Family with a disabled adult son",
        "Siblings and their grandmother",
    ],
];

/// What happened, as a case summary says it.
pub const SITUATIONS: &[&str] = &[
    "seriously injured; the explanation given does not fit the injury",
    "died unexpectedly; agencies had concerns about neglect",
    "known to several services; missed appointments were not followed up",
    "exploited by adults outside the home",
    "living with domestic abuse that agencies knew of but did not connect",
    "self-neglected at home after declining support",
    "harmed while in temporary accommodation",
    "missing from education for a long period",
    "affected by parental substance misuse and mental ill health",
    "whose carer was under strain and not assessed",
    "subject to financial and emotional abuse by a relative",
    "with complex health needs managed by many agencies",
];

/// What each preset theme is about, for recommendation and action wording.
/// The names match the themes shipped in the schema.
pub const THEMES: &[(&str, &str)] = &[
    (
        "Understanding what the child's daily life is like",
        "understanding the child's daily life",
    ),
    (
        "Working with families where engagement is reluctant and sporadic",
        "working with families who engage reluctantly",
    ),
    (
        "Critical thinking and challenge",
        "critical thinking and respectful challenge",
    ),
    (
        "Responding to changing risk and need",
        "responding when risk and need change",
    ),
    (
        "Sharing information in a timely way",
        "timely information sharing",
    ),
    (
        "Organisational leadership and culture",
        "leadership and supervision of safeguarding practice",
    ),
    ("Professional curiosity", "professional curiosity"),
    (
        "Information sharing",
        "sharing information between agencies",
    ),
    ("Think family", "thinking about the whole family"),
    ("Voice of the child", "hearing the voice of the child"),
    ("Escalation", "escalating professional disagreement"),
    ("Neglect", "recognising and responding to neglect"),
    ("Domestic abuse", "risk assessment in domestic abuse"),
    ("Exploitation", "criminal and sexual exploitation"),
];

/// How a recommendation opens; followed by a theme's topic.
pub const RECOMMENDATION_OPENINGS: &[&str] = &[
    "The partnership should seek assurance that agencies have improved",
    "Partner agencies should strengthen practice in",
    "The partnership should commission multi-agency learning on",
    "Agencies should review their policies and guidance on",
    "The safeguarding board should audit practice in",
];

/// How an action opens; followed by a theme's topic.
pub const ACTION_OPENINGS: &[&str] = &[
    "Deliver multi-agency training on",
    "Audit a sample of cases to test practice in",
    "Revise and relaunch the procedure for",
    "Publish a seven-minute briefing on",
    "Agree a protocol between agencies for",
    "Add a supervision prompt on",
    "Run practitioner learning events on",
    "Update the single-agency policy on",
];

/// Progress notes, by how things are going.
pub const NOTES_ON_TRACK: &[&str] = &[
    "Work is progressing to plan; the lead officer reported at the subgroup.",
    "Drafting complete and out for consultation with partner agencies.",
    "Sessions booked for the coming quarter; attendance being tracked.",
    "Audit tool agreed; case sample selected.",
];
pub const NOTES_SLIPPING: &[&str] = &[
    "Delayed by staff vacancies; a revised plan is being agreed.",
    "Waiting for sign-off from one partner agency.",
    "Capacity pressures in the lead agency; progress slower than planned.",
];
pub const NOTES_STUCK: &[&str] = &[
    "No progress this quarter; the lead officer post is vacant.",
    "Agencies cannot agree data-sharing terms; the chair to escalate.",
    "Funding for the work has not been confirmed.",
];

/// Evidence recorded when work is done, and of its impact.
pub const EVIDENCE: &[&str] = &[
    "Training delivered to practitioners across partner agencies; attendance records held",
    "Revised procedure published on the partnership website",
    "Audit completed and findings reported to the subgroup",
    "Briefing circulated to all partner agencies",
];
pub const IMPACT: &[&str] = &[
    "Re-audit shows the practice in most cases sampled",
    "Practitioner survey shows improved confidence",
    "Referral quality improved in the following two quarters",
];

/// Why a target date moved, why work paused, why a review was held back.
pub const REVISION_REASONS: &[&str] = &[
    "Lead officer changed; new lead needs time to take the work on",
    "Waiting for the national guidance this action depends on",
    "Scope widened after the thematic review",
];
pub const PAUSE_REASONS: &[&str] = &[
    "Paused while the service is restructured",
    "Paused pending the outcome of a linked review",
];
pub const ESCALATION_REASONS: &[&str] = &[
    "Agencies cannot agree who leads; needs the Executive Board",
    "No resources identified; the Executive Board to decide",
];
pub const NOT_ACCEPTED_REASONS: &[&str] = &[
    "Already covered by an action from an earlier review",
    "Not within the partnership's remit; referred to the national body",
];
pub const PROCEEDING_REASONS: &[&str] = &[
    "Synthetic. Criminal trial listed; publishing first could prejudice it.",
    "Synthetic. Inquest not yet concluded; the coroner asked that publication wait.",
];
