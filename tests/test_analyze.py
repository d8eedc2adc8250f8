"""Posting analysis: sections, required vs preferred, evidence, boilerplate, knock-out facts."""

from __future__ import annotations

import pytest

from tailor.analyze import analyze_posting
from tailor.parse.posting import classify_posting_heading, parse_posting

from .conftest import JOB_POSTS, SHARED, needs_shared

POSTING = """# Senior Machine Learning Engineer
Company: Example Robotics
Location: Remote (US)

## About us
We love our customers and offer great coffee. We use Salesforce internally.

## Requirements
- 5+ years of experience building computer vision systems in Python and PyTorch
- BS or MS in Computer Science or a related field
- Must be authorized to work in the US; no visa sponsorship

**Nice to have:**
- Experience with TensorRT is a plus
- Knowledge of Kubernetes

## Benefits
- Health insurance, 401(k) and Docker stickers

We are an equal opportunity employer and value diversity.
"""


def keywords(text: str) -> dict[str, object]:
    return {k.canonical.lower(): k for k in analyze_posting(text).keywords}


def test_metadata_and_sections() -> None:
    posting = parse_posting(POSTING)
    assert (posting.title, posting.company, posting.location) == (
        "Senior Machine Learning Engineer",
        "Example Robotics",
        "Remote (US)",
    )
    assert [s.kind for s in posting.sections] == ["about", "requirements", "preferred", "benefits"]


def test_required_preferred_evidence_and_boilerplate() -> None:
    found = analyze_posting(POSTING)
    by_name = {k.canonical.lower(): k for k in found.keywords}
    assert by_name["pytorch"].importance == "required"
    assert by_name["pytorch"].evidence.startswith("5+ years of experience building")
    assert by_name["tensorrt"].importance == "preferred"
    assert by_name["kubernetes"].importance == "preferred"
    assert by_name["pytorch"].weight > by_name["tensorrt"].weight
    # About, benefits and legal text say nothing about the candidate.
    assert "salesforce" not in by_name and "docker" not in by_name
    assert all(0 < k.weight <= 1 for k in found.keywords)


def test_knockout_facts() -> None:
    facts = {(k.kind, k.value) for k in analyze_posting(POSTING).knockouts}
    assert ("years", "5+") in facts
    assert any(kind == "degree" for kind, _ in facts)
    assert ("visa", None) in facts


def test_terms_outside_the_taxonomy_still_show_up() -> None:
    text = "# Engineer\n\n## Requirements\n- Experience with Python, PyTorch, Flumbo and Zorkflow\n"
    found = {k.term for k in analyze_posting(text).keywords}
    assert {"Flumbo", "Zorkflow"} <= found
    assert all(k.category == "phrase" for k in analyze_posting(text).keywords if k.term == "Flumbo")


def test_the_example_postings() -> None:
    vision = keywords((JOB_POSTS / "ml-engineer-vision.txt").read_text(encoding="utf-8"))
    assert {"pytorch", "tensorrt", "object detection", "knowledge distillation"} <= set(vision)
    mlops = keywords((JOB_POSTS / "mlops-engineer.txt").read_text(encoding="utf-8"))
    assert {"kubernetes", "mlflow", "terraform", "ci/cd"} <= set(mlops)


@needs_shared
def test_every_corpus_posting_has_sections_and_keywords() -> None:
    for path in sorted((SHARED / "corpus" / "postings").glob("*.txt")):
        posting = analyze_posting(path.read_text(encoding="utf-8"), source=str(path))
        assert posting.title, path.name
        assert posting.keywords, path.name
        counted = [s for s in posting.sections if s.kind not in {"about", "benefits", "legal"}]
        assert counted, path.name


def test_preferred_cues_in_any_case_and_every_cue_passes_the_word_prefilter() -> None:
    import re

    from tailor.analyze import PREFERRED_CUE, PREFERRED_WORDS, says_preferred

    for alternative in PREFERRED_CUE.pattern.split("|"):
        literal = re.sub(r"\\b", "", alternative).replace("[- ]", " ")
        assert says_preferred(f"Knowing Rust: {literal.upper()}."), alternative
        assert any(word in literal for word in PREFERRED_WORDS), alternative
    assert not says_preferred("You have shipped models to production with PyTorch.")
    assert not says_preferred("Surplus stock is handled by the warehouse team.")


def test_a_plain_title_line_before_markdown_sections_stays_the_title() -> None:
    posting = parse_posting("Data Engineer\n\n## Requirements\n- Python and SQL\n")
    assert posting.title == "Data Engineer"
    assert [(s.kind, s.heading) for s in posting.sections][-1] == ("requirements", "Requirements")
    # A Markdown heading that names no section is still the title after a line of text.
    assert parse_posting("Apply below\n\n# Senior ML Engineer\n\n## Duties\n- Ship\n").title == (
        "Senior ML Engineer"
    )


def test_us_states_in_a_posting_are_not_keywords() -> None:
    posting = analyze_posting(
        "Data Analyst\nAcme - Boston, MA\n\nRequirements\n"
        "- We hire in AZ, CA, CO, CT, FL, MA, NY, TX\n- SQL, Python, Tableau\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert {"SQL", "Python", "Tableau"} <= terms
    assert not terms & {"AZ", "CA", "CO", "CT", "FL", "MA", "NY", "TX"}


def test_knockouts_not_fooled_by_everyday_words() -> None:
    posting = analyze_posting(
        "Data Engineer\n\nRequirements\n"
        "- A Bachelor's degree in Computer Science, plus 5 years of experience with Python\n"
        "- 2-4 + years of experience with SQL\n"
        "- Ability to learn rapidly and master diverse web technologies\n"
        "- Follow up & clearance of invoices with the finance team\n"
        "- Advanced skills in SQL and MS Excel\n"
    )
    facts = {(fact.kind, fact.value) for fact in posting.knockouts}
    assert facts == {("years", "5"), ("degree", "Bachelor's"), ("years", "2-4+")}
    assert not any(k.canonical == "Bachelor's degree" and k.importance != "required"
                   for k in posting.keywords)  # fmt: skip
    cleared = analyze_posting("Analyst\n\nRequirements\n- Active security clearance required\n")
    assert [fact.kind for fact in cleared.knockouts] == ["clearance"]
    # Hybrid search and hybrid cloud are technology; hybrid work is where one works.
    technical = analyze_posting(
        "NLP Engineer\n\nResponsibilities\n- Build RAG pipelines: embedding models, hybrid "
        "search, re-ranking\n- Run workloads on a hybrid cloud\n"
    )
    assert technical.knockouts == []
    board = analyze_posting(
        "Web Developer\n\nRequirements\n- Experience:\n- total work: 2 years (Required)\n"
        "- Be eligible to work in the UK\n"
    )
    assert {(fact.kind, fact.value) for fact in board.knockouts} == {("years", "2"), ("visa", None)}
    hybrid = analyze_posting(
        "NLP Engineer\n\nAbout the role\n- This role is hybrid, 3 days a week\n"
    )
    assert [fact.kind for fact in hybrid.knockouts] == ["onsite"]


def test_skills_joined_by_or_are_alternatives_unless_asked_on_their_own() -> None:
    posting = analyze_posting(
        "Platform Engineer\n\nRequirements\n"
        "- Infrastructure as code with Terraform, Ansible, or Pulumi\n"
        "- BS in Computer Science, Electrical Engineering or a related field\n"
        "- Strong Python or Java\n"
        "- Docker and Kubernetes\n"
        "- You will write Python every day\n"
    )
    alternatives = {k.canonical: k.alternatives for k in posting.keywords}
    assert alternatives["Terraform"] == ["Ansible", "Pulumi"]
    assert alternatives["Pulumi"] == ["Ansible", "Terraform"]
    assert alternatives["electrical engineering"] == ["computer science"]  # "or a related field"
    assert alternatives["Java"] == ["Python"]
    assert alternatives["Python"] == []  # asked for on its own too
    assert alternatives["Docker"] == alternatives["Kubernetes"] == []  # "and" asks for each


def test_a_posting_flattened_to_one_line_keeps_its_asks_and_loses_its_perks() -> None:
    asks = (
        "The Role  Reporting to the Head of Finance  Prepare management accounts and variance "
        "analysis  The Candidate  CIMA or ACCA qualified  Advanced Excel skills  "
    )
    perks = (
        "This role includes the following benefits: private healthcare, life assurance, pension "
        "plan, 25 days annual leave. We offer excellent benefits including a car allowance.  "
    )
    filler = "Our client is a growing business with offices across the Midlands region.  " * 12
    posting = analyze_posting("Management Accountant\n\n" + filler + asks + perks + "\n")
    terms = {k.canonical for k in posting.keywords}
    assert {"management accounting", "ACCA", "CIMA", "Microsoft Excel"} <= terms
    assert not terms & {"life assurance", "pension plan", "healthcare"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Experience administering medicine in a nursing home", {"medication administration",
                                                                 "residential care"}),
        ("A current NMC number and an enhanced CRB", {"NMC registration", "DBS check"}),
        ("Fresh food experience on an a la carte menu", {"fresh food preparation", "à la carte"}),
        ("Responsible for fixed assets and variance reporting", {"fixed asset accounting",
                                                                 "variance analysis"}),
        ("Hold a teaching qualification and know the UK curriculum", {"teaching qualification",
                                                                      "National Curriculum"}),
    ],
)  # fmt: skip
def test_the_asks_of_other_trades_are_read(line: str, expected: set[str]) -> None:
    posting = analyze_posting(f"Role\n\nRequirements\n- {line}\n")
    assert expected <= {keyword.canonical for keyword in posting.keywords}


def test_a_role_in_a_certificate_is_no_job_title() -> None:
    posting = analyze_posting(
        "MLOps Engineer\n\nNice to have\n- AWS certifications (e.g. Solutions Architect, "
        "Machine Learning Specialty) are a plus\n- Certified Solutions Architect\n"
        "\nRequirements\n- Experience as a Solutions Architect\n"
    )
    roles = [(k.term, k.evidence) for k in posting.keywords if k.category == "role"]
    assert [term for term, _ in roles] == ["MLOps Engineer", "Solutions Architect"]
    assert "Experience as a Solutions Architect" in dict(roles)["Solutions Architect"]


def test_a_part_of_a_product_is_named_with_it() -> None:
    # Hugging Face's Datasets library is no dataset: a CV's "created a dataset" shows none of it.
    posting = analyze_posting(
        "NLP Engineer\n\nRequirements\n- Deep experience with PyTorch and the Hugging Face "
        "ecosystem (Transformers, Datasets, PEFT, Accelerate)\n"
        "- Finance systems (e.g. Oracle, Hyperion, OBIEE, SAP)\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert {"Hugging Face Datasets", "Hugging Face Accelerate", "Oracle"} <= terms
    assert not terms & {"Datasets", "Accelerate", "finance Oracle"}


def test_a_must_in_the_perks_is_a_knockout_fact() -> None:
    posting = analyze_posting(
        "Vision Engineer\n\nRequirements\n- 3+ years of Python experience\n\n"
        "Benefits & Perks:\n- Health insurance\n- Visa sponsorship is available for the "
        "right person\n\n**Note:** This position does not offer relocation assistance. "
        "Candidates must possess a valid EU visa and be based in Portugal.\n"
    )
    facts = [(fact.kind, fact.text) for fact in posting.knockouts]
    must = "Candidates must possess a valid EU visa and be based in Portugal."
    assert facts == [("years", "3+ years of Python experience"), ("visa", must), ("location", must)]


def test_boasts_reading_tips_and_offers_ask_for_nothing() -> None:
    posting = analyze_posting(
        "ML Engineer\n\nAbout the role\n"
        "With 320K+ stars on GitHub, thousands of teams run our library.\n"
        "You will optimise transformer models in PyTorch. As additional material, you may want "
        "to take a look at the recent announcement about the collaboration with GraphCore on "
        "IPUs.\n\n"
        "**Our offer – professional development, personal growth**\n\n"
        "* Private healthcare and insurance\n* Multisport card\n"
    )
    terms = {k.term for k in posting.keywords}
    assert {"PyTorch", "transformer models"} <= terms
    assert not terms & {"GitHub", "GraphCore", "IPUs", "collaboration", "insurance", "healthcare"}
    resume = analyze_posting("ML Engineer\n\nRequirements\n- Send your CV with a code sample\n")
    assert "CV" not in {k.term for k in resume.keywords}  # the résumé, not computer vision
    asked = analyze_posting("ML Engineer\n\nRequirements\n- Contributions on GitHub\n")
    assert "GitHub" in {k.term for k in asked.keywords}
    # A label naming the company's team names no skill.
    team = analyze_posting("Vision Engineer\n\nDescription\n\n**Algorithms Team:**\n\nWe ship.\n")
    assert "algorithms" not in {k.canonical for k in team.keywords}


def test_markdown_link_text_counts_in_a_posting() -> None:
    posting = analyze_posting(
        "ML Engineer\n\nRequirements\n- Knowledge of [computer vision](https://x.org/cv)\n"
    )
    keyword = next(k for k in posting.keywords if k.canonical == "computer vision")
    assert "https" not in keyword.evidence


def test_a_job_board_byline_gives_company_and_place() -> None:
    posting = parse_posting(
        "Machine Learning Engineer\nKlaviyo - Boston, MA\n\nWe love programming.\n\n"
        "Requirements\n- Python\n"
    )
    assert (posting.title, posting.company, posting.location) == (
        "Machine Learning Engineer",
        "Klaviyo",
        "Boston, MA",
    )
    assert all("Klaviyo" not in section.text for section in posting.sections)
    # A second line that is a sentence is not a byline.
    plain = parse_posting("Data Engineer\nWe build pipelines - fast, CA\n")
    assert plain.company is None
    # A UK board's: a firm by its legal form and a region; the firm then goes by its acronym.
    agency = analyze_posting(
        "Financial Accountant\nCMC Consulting Limited - London\n\nRequirements\n- GAAP\n"
        "- Please apply for other jobs advertised by CMC Consulting.\n"
    )
    assert (agency.company, agency.location) == ("CMC Consulting Limited", "London")
    assert [k.term for k in agency.keywords] == ["Financial Accountant", "GAAP"]
    assert parse_posting("Engineer\nWe build it - Fast Ltd - London\n").company is None
    # A title a document's extraction ran twice is one title.
    doubled = parse_posting("Director of Engineering, CloudDirector of Engineering, Cloud\n\nx\n")
    assert doubled.title == "Director of Engineering, Cloud"


def test_verb_led_list_items_and_vendor_pairs_are_not_keywords() -> None:
    posting = analyze_posting((JOB_POSTS / "ml-engineer-vision.txt").read_text(encoding="utf-8"))
    terms = {keyword.term.lower() for keyword in posting.keywords}
    assert {"onnx", "tensorrt", "depth cameras"} <= terms
    assert "profile latency" not in terms and "annotation vendor" not in terms


def test_lists_of_colleagues_and_the_company_are_not_keywords() -> None:
    posting = analyze_posting(
        "ML Engineer\nAcme - Boston, MA\n\nAbout the role\n"
        "As a Researcher in the Machine Learning team, you will work with customers, product "
        "leaders, subject matter experts, and engineers.\n"
        "At Acme, we use Python, PyTorch, and Docker.\n"
        "Please connect with us on Glassdoor and LinkedIn.\n\n"
        "Requirements\n- Solid experience with DevOps, cloud infrastructure, and deploying "
        "machine learning models\n"
        "- Strong machine learning background in speech, computer vision, multi modal interaction\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert {"Python", "PyTorch", "Docker", "cloud infrastructure"} <= terms
    assert "multi modal interaction" in terms
    assert not terms & {"product leaders", "subject matter experts", "Acme", "LinkedIn"}


def test_the_teams_a_candidate_works_with_are_not_keywords() -> None:
    posting = analyze_posting(
        "Computer Vision Engineer\n\nWhat you will do\n"
        "- Collaborate with the RnD team working in Robotics, along with ML Platform, Embedded, "
        "Backend, and Frontend teams to deliver product features\n"
        "- Collaborate with DevOps, software architecture, and platform teams\n\n"
        "Requirements\n- Experience with PyTorch and working in agile teams\n"
        "- Experience working with cross-functional teams\n"
        "- Communication and team working skills\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    teams = {"RnD", "ML Platform", "Embedded", "Backend", "Frontend", "DevOps"}
    # The same goes for the people the candidate works with, in the requirements too.
    asked = analyze_posting(
        "Senior Applied Scientist\n\nRequirements\n- 5 years of experience as a Data Scientist"
        "\n- You communicate well with applied scientists, engineers and product managers\n"
    )
    roles = {keyword.term for keyword in asked.keywords if keyword.category == "role"}
    assert roles == {"Applied Scientist", "Data Scientist"}
    assert not terms & teams
    assert "software architecture" not in terms
    # A skill before a list that stops short of a cue stays; so does the soft skill the cue
    # asks for, and teamwork said as a skill ("team working skills", not "team working in").
    assert {"Robotics", "PyTorch", "cross-functional teams", "team working"} <= terms
    assert [k.evidence for k in posting.keywords if k.term == "team working"] == [
        "Communication and team working skills"
    ]


def test_the_company_naming_itself_is_no_keyword() -> None:
    def terms(byline: str, about: str) -> set[str]:
        text = f"ML Engineer\n{byline} - Boston, MA\n\nAbout the role\n{about}\n\n"
        text += "Requirements\n- Experience with PyTorch and Docker\n"
        return {keyword.term for keyword in analyze_posting(text).keywords}

    own = terms("Hugging Face", "Here at Hugging Face, 15,000 companies use HF technology.")
    assert "Hugging Face" not in own and "HF" not in own and "PyTorch" in own
    # Another company's posting asks for it; a legal form makes no initials ("AI" for
    # Aptonet Inc).
    assert "Hugging Face" in terms("Acme Robotics", "You will extend Hugging Face libraries.")
    assert "AI" in terms("Aptonet Inc", "You will build our AI platform for hospitals.")


def test_the_company_speaking_of_itself_asks_for_nothing() -> None:
    posting = analyze_posting(
        "Data Scientist\n\n"
        "Mist, a Juniper Company, is the first vendor to bring enterprise-grade Wi-Fi and IoT "
        "together. Our history spans 200 years of investment banking. We value creativity. "
        "We use Python and Spark for everything. We build clustering models for claims. We are "
        "looking for someone with Kubernetes experience.\n\n"
        "Requirements\n- Experience with SQL\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert {"Python", "Spark", "clustering", "Kubernetes", "SQL"} <= terms
    assert not terms & {"Wi-Fi", "IoT", "investment banking", "creativity"}


def test_a_sentence_a_scraper_broke_into_list_items_is_read_whole() -> None:
    posting = analyze_posting(
        "NLP Engineer\n\nRequirements\n* Experience with machine learning techniques, such as "
        "supervised\n* and unsupervised learning\n* Some experience with TensorFlow or PyTorch"
        "\n* is a plus\n* Strong SQL skills\n"
    )
    importance = {keyword.term: keyword.importance for keyword in posting.keywords}
    assert importance["TensorFlow"] == importance["PyTorch"] == "preferred"
    assert importance["SQL"] == "required"
    assert "supervised learning" in importance and "unsupervised learning" in importance


def test_an_acronym_in_parentheses_adds_no_keyword_to_its_long_form() -> None:
    text = "Payroll Officer\n\nRequirements\n- {}\n"
    terms = terms_of(text.format("Certified Payroll Professional (CPP) and TensorRT (TRT)"))
    assert "Certified Payroll Professional" in terms and "TRT" in terms
    assert "CPP" not in terms and "C++" not in terms
    assert "EAR" not in terms_of(text.format("Subject to Export Administration Regulations (EAR)"))
    # Used again, the acronym is still its long form's.
    again = terms_of(
        text.format("Build autonomous vehicle (AV) software.\n- Meet AV requirements.")
    )
    assert "autonomous vehicle" in again and "AV" not in again


def test_what_the_job_offers_asks_for_nothing() -> None:
    text = "Applied Scientist\n\nRequirements\n- Python and SQL.\n- {}\n"
    offered = "You get the opportunity to gain experience with Kubeflow, Docker and Tableau."
    assert not {"Kubeflow", "Docker", "Tableau"} & terms_of(text.format(offered))
    team = "You join a team which consists of engineers in Robotics and Spark."
    assert not {"robotics", "Spark"} & terms_of(text.format(team))
    assert "Docker" in terms_of(text.format("Experience with Docker and Kubeflow."))


def test_what_the_job_is_not_asks_for_nothing() -> None:
    text = "Applied AI Scientist\n\nRequirements\n- Python. {}\n"
    said = "This is not a data cleansing or data structuring position."
    assert not {"data cleansing", "data structuring"} & terms_of(text.format(said))
    assert "data cleansing" in terms_of(text.format("You will own data cleansing."))


def test_customers_and_investors_are_no_skills() -> None:
    text = "ML Engineer\n\nRequirements\n- Python. {}\n"
    customers = "Used by organizations such as Google, Elastic, Salesforce and NASA."
    assert not {"Elastic", "Salesforce", "NASA"} & terms_of(text.format(customers))
    assert "Salesforce" in terms_of(text.format("Experience with Salesforce and Elastic."))


def test_praise_and_counts_are_no_terms() -> None:
    text = (
        "Search ML Engineer\n\nRequirements\n- Build efficient search solutions, ranking "
        "models, query understanding, and vector retrieval\n- Python, Kafka, Flink, and 1 "
        "Million+ models\n"
    )
    terms = terms_of(text)
    assert {"Python", "Kafka", "Flink"} <= terms
    assert not {"efficient search solutions", "1 Million+ models"} & terms


def test_shouted_everyday_words_are_no_tools() -> None:
    text = "ML Engineer\n\nIf the answer is YES, apply NOW!\n\nRequirements\n- Python and ONNX\n"
    assert terms_of(text) == {"ML Engineer", "Python", "ONNX"}


def terms_of(text: str) -> set[str]:
    return {keyword.term for keyword in analyze_posting(text).keywords}


def test_the_client_under_a_heading_asks_for_nothing() -> None:
    posting = analyze_posting(
        "MLOps Engineer\n\nJob Description\nOur client is pioneering personalized wellness. "
        "Their team is committed to healthcare experiences using cutting-edge AI. Their "
        "culture thrives on continuous improvement. You will run Kubeflow pipelines.\n\n"
        "Requirements\n- Docker\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert {"Kubeflow pipelines", "Docker"} <= terms
    assert not terms & {"AI", "healthcare", "continuous improvement"}


def test_a_heading_naming_the_company_opens_its_profile() -> None:
    posting = analyze_posting(
        "ML Engineer\n\nWho You Are\n- Experience with Python and Kafka\n\n"
        "Get to know Klaviyo\nKlaviyo is the leading owned marketing platform, so companies "
        "maximize their sales.\n\nWhy CloudWalk?\nWe cherish creativity and teamwork.\n"
    )
    assert [s.kind for s in posting.sections] == ["requirements", "about", "benefits"]
    assert {keyword.term for keyword in posting.keywords} == {"ML Engineer", "Python", "Kafka"}


def test_a_job_boards_labels_are_no_keywords() -> None:
    posting = analyze_posting(
        "Management Accountant\nCategory: IT Jobs\nJob Type: Full-time\n"
        "Salary: 40,000 GBP, Python bonus\n\nRequirements\n- Advanced Excel and SQL skills\n"
        "- CIMA or ACCA qualified\n\n(c) 2022 Acme IT Limited. All rights reserved.\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert "SQL" in terms
    assert not terms & {"IT", "Python"}


def test_a_hard_wrapped_paragraph_is_read_whole() -> None:
    filler = (
        "Our applied research team works on hard problems for our customers every day, and this "
        "role involves hands-on work"
    )
    posting = analyze_posting(
        f"NLP Engineer\n\nAbout the role\n{filler} in areas such as deep learning and Natural\n"
        "Language Processing, with large models.\n\nRequirements\n"
        f"- Strong knowledge of statistics, and of how our products and services work for\n"
        "customers in healthcare\n"
    )
    canonical = {keyword.canonical for keyword in posting.keywords}
    assert {"natural language processing", "healthcare"} <= canonical
    assert not any(k.term == "Natural" for k in posting.keywords)


def test_unmarked_list_items_stay_apart() -> None:
    # Long items without bullets or final periods: a cue of one must not reach the next.
    first = "Experience integrating data from many sources for reporting and analytics in AWS"
    posting = analyze_posting(
        f"Data Engineer\n\nRequirements\n{first} is a big plus\n"
        f"Solid knowledge of SQL for analytics work across all of our business teams\n"
        "Experience with benefits administration tools\n"
        "Comprehensive health insurance and paid time off, with a long list of perks and\n"
        "mentoring from our Kubernetes experts\n"
    )
    importance = {keyword.canonical: keyword.importance for keyword in posting.keywords}
    assert importance["AWS"] == "preferred" and importance["SQL"] == "required"
    # A benefits line is left out alone: the line under it is not glued to it and lost with it.
    assert "health insurance" not in importance and importance["Kubernetes"] == "required"


@needs_shared
def test_a_posting_of_long_wrapped_paragraphs_keeps_its_keywords() -> None:
    # Lines of ~1,000 characters broken mid-phrase ("... deep learning, Natural" + "Language
    # Processing ..."), with a legal sentence inside: joined where they break, and the legal
    # line does not take the paragraph with it.
    path = SHARED / "corpus" / "postings" / "015_senior_applied_researcher_nlp_pointclickcare.txt"
    posting = analyze_posting(path.read_text(encoding="utf-8"), source=path.name)
    canonical = {keyword.canonical for keyword in posting.keywords}
    assert {"natural language processing", "Python", "SQL", "PyTorch"} <= canonical
    assert not {"Natural", "LinkedIn", "long term"} & {k.term for k in posting.keywords}


def test_plain_heading_lines_open_sections() -> None:
    posting = analyze_posting(
        "Data Engineer\n\nWhat You'll Do\nBuild pipelines in Airflow\n\nRequirements\nSQL\n"
        "Great communication skills\nExperience with AWS architecture\nBachelor's (Preferred)\n\n"
        "Nice to Haves\nKubernetes\n"
    )
    assert [(s.kind, s.heading) for s in posting.sections] == [
        ("responsibilities", "What You'll Do"),
        ("requirements", "Requirements"),
        ("preferred", "Nice to Haves"),
    ]
    importance = {keyword.canonical: keyword.importance for keyword in posting.keywords}
    assert importance["Kubernetes"] == "preferred" and importance["AWS"] == "required"


def test_boilerplate_is_found_paragraph_by_paragraph() -> None:
    posting = parse_posting(
        "Data Engineer\n\n"
        "Acme is transforming the dental industry with computer vision.\n\n"
        "We offer competitive compensation and a relaxed atmosphere.\n\n"
        "We are seeking an engineer with strong Spark and Airflow skills.\n\n"
        "Benefits: health insurance, dental and vision, 401(k) matching.\n\n"
        "Acme is an equal opportunity employer.\n"
    )
    kinds = [(section.kind, section.text.split()[0]) for section in posting.sections]
    assert kinds == [("other", "Acme"), ("benefits", "Benefits:"), ("legal", "Acme")]
    assert "Spark" in posting.sections[0].text


def test_an_ideal_candidate_heading_opens_requirements() -> None:
    posting = analyze_posting(
        "Data Scientist\n\n**Our ideal candidate will likely have…**\n* Python\n\n"
        "**Nice to have**\n* Spark\n"
    )
    importance = {keyword.canonical: keyword.importance for keyword in posting.keywords}
    assert importance == {
        "data scientist": "required",
        "Python": "required",
        "Apache Spark": "preferred",
    }


def test_section_line_numbers_point_at_their_first_line() -> None:
    texts = [
        "Data Engineer\nAcme - Boston, MA\n\nWe build.\n\n\nMore.\n\nRequirements\n- SQL\n",
        "# ML Engineer\n\nAbout us\n\nWe sell things.\n\nHealth insurance, dental, 401k.\n",
    ]
    if SHARED.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in (SHARED / "corpus" / "postings").iterdir()]
    for text in texts:
        lines = text.split("\n")
        for section in parse_posting(text).sections:
            assert lines[section.line - 1].strip() == section.text.split("\n")[0].strip()


def test_posting_headings_in_the_words_job_boards_use() -> None:
    cases = {
        "What you’ll be doing": "responsibilities",
        "Your tasks will be": "responsibilities",
        "Position summary": "responsibilities",
        "What we would love to see": "preferred",
        "Additional points for": "preferred",
        "What We Expect From You": "requirements",
        "Our ideal candidate will likely have…": "requirements",
        "What you can expect from Lingoda": "benefits",
        "What we have for you": "benefits",
        "Our recruitment process": "apply",
    }
    assert {heading: classify_posting_heading(heading) for heading in cases} == cases


def test_adverb_led_pairs_are_not_keywords() -> None:
    posting = analyze_posting(
        "LLM Engineer\n\nWhat we expect:\n"
        "- The field of LLM applications is relatively young and rapidly evolving.\n"
        "- Experience with PyTorch.\n\n"
        "Requirements\n- A field that is relatively young and rapidly evolving excites you.\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert "PyTorch" in terms
    assert not terms & {"relatively young", "rapidly evolving"}


def test_pairs_led_by_praise_or_place_adjectives_are_not_keywords() -> None:
    line = "Keep up with technological advancements in this emerging domain, using PyTorch."
    posting = analyze_posting(f"LLM Engineer\n\nRequirements\n- {line}\n- {line}\n")
    terms = {keyword.term for keyword in posting.keywords}
    assert "PyTorch" in terms
    assert not terms & {"technological advancements", "emerging domain"}


def alternatives(pattern: str) -> list[str]:
    """Gives the top-level alternatives of a regex pattern."""
    found, depth, current = [], 0, ""
    for char in pattern:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            found.append(current)
            current = ""
        else:
            current += char
    return [*found, current]


def test_every_boilerplate_alternative_passes_the_hint_prefilter() -> None:
    from tailor.analyze import BOILERPLATE_LINE, BOILERPLATE_LINE_HINTS
    from tailor.parse.posting import BOILERPLATE_HINTS, BOILERPLATE_WORDS

    for pattern, hints in [
        (BOILERPLATE_WORDS, BOILERPLATE_HINTS),
        (BOILERPLATE_LINE, BOILERPLATE_LINE_HINTS),
    ]:
        found = alternatives(pattern.pattern)
        assert len(found) > 10
        for alternative in found:
            assert any(hint in alternative for hint in hints), alternative


def test_a_job_boards_description_heading_and_apply_button_keep_the_text_counted() -> None:
    # "Description" heads the whole posting on job boards (not the company's profile), and
    # "Apply Now" is a button: the text under either counts.
    posting = analyze_posting(
        "Data Scientist\n\nApply Now\n\nWe build clustering models for claims.\n\n"
        "Description\nYou will use SQL and regression trees.\n"
    )
    assert [s.kind for s in posting.sections] == ["other", "other"]
    assert {"clustering", "SQL"} <= {keyword.term for keyword in posting.keywords}


def test_a_first_line_longer_than_a_title_stays_text() -> None:
    line = (
        "We are hiring an engineer to build perception models for our delivery robots, working "
        "closely with the autonomy team and the fleet team on machine learning"
    )
    posting = analyze_posting(f"{line}\n\nRequirements\n- Python\n")
    assert posting.title == line[:120]
    assert "machine learning" in {keyword.canonical for keyword in posting.keywords}


def test_coordinations_of_verbs_name_no_skill_and_hide_no_other_conjunct() -> None:
    posting = analyze_posting(
        "ML Engineer\n\nRequirements\n"
        "- Build and improve tools, scripts and pipelines\n"
        "- Implement machine learning systems and validate designs\n"
        "- Work on software security and designing robust systems\n"
        "- Knowledge of FDA and EMA regulations\n"
    )
    assert not {k.canonical for k in posting.keywords} & {
        "build systems",
        "system design",
        "software architecture",
    }
    assert {"FDA regulations", "EMA regulations"} <= {keyword.term for keyword in posting.keywords}
    mlops = analyze_posting((JOB_POSTS / "mlops-engineer.txt").read_text(encoding="utf-8"))
    # "(canary and shadow deployments)": both.
    assert {"canary deployments", "shadow deployments"} <= {k.term for k in mlops.keywords}


def test_algorithms_after_a_skill_is_its_head_noun_not_a_keyword() -> None:
    posting = analyze_posting(
        "NLP Engineer\n\nRequirements\n- Develop NLP algorithms and models\n"
        "- Computer vision algorithms\n"
    )
    assert "algorithms" not in {keyword.canonical for keyword in posting.keywords}
    standalone = analyze_posting("Engineer\n\nRequirements\n- Data structures and algorithms\n")
    assert "algorithms" in {keyword.canonical for keyword in standalone.keywords}


def test_a_knockout_is_read_in_its_own_sentence() -> None:
    # A paragraph in one line: the degree is required; a later sentence's "a plus" is Spark's.
    posting = analyze_posting(
        "Data Scientist\n\nRequirements\n"
        "Master's degree in Computer Science or a related field. Experience with Python. "
        "Experience with Spark is a plus · 5+ years of experience in industry\n"
    )
    degree = next(fact for fact in posting.knockouts if fact.kind == "degree")
    assert degree.text == "Master's degree in Computer Science or a related field."
    years = next(fact for fact in posting.knockouts if fact.kind == "years")
    assert years.text == "5+ years of experience in industry"


def test_a_name_cut_by_a_scrapers_list_mark_is_joined() -> None:
    posting = analyze_posting(
        "NLP Engineer\n\nRequirements\n"
        "  * Master's degree in Computer Science, Artificial Intelligence, Machine\n"
        "  * Learning, or a related field\n  * Python\n"
    )
    terms = {keyword.term for keyword in posting.keywords}
    assert "Machine Learning" in terms and "Machine" not in terms and "Python" in terms


def test_a_keyword_found_by_a_phrasing_is_named_by_the_skill() -> None:
    # "Deploying these models" is model deployment; the posting never spells the skill so.
    posting = analyze_posting(
        "Requirements\n- Experience deploying these models in production\n"
        "- Conduct rigorous experiments on ranking\n"
    )
    assert {(k.term, k.canonical) for k in posting.keywords} >= {
        ("model deployment", "model deployment"),
        ("experimentation", "experimentation"),
    }
    assert not [k.term for k in posting.keywords if "these" in k.term or "rigorous" in k.term]
    # Where the posting also spells the skill, that spelling names it (what a screen looks for).
    both = analyze_posting(
        "Requirements\n- Experience deploying machine learning models\n"
        "- Deploying models on edge GPUs is a plus\n"
    )
    assert "deploying models" in {k.term.lower() for k in both.keywords}
