"""The skills taxonomy and its matcher: coverage, guards, whole names, inflections."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tailor.nlp import make_doc
from tailor.skills import (
    COMPILED,
    SHARED_ACRONYMS,
    TAXONOMY,
    compile_taxonomy,
    decode_taxonomy,
    get_matchers,
    load_taxonomy,
    match_skills,
    parse_taxonomy_yaml,
    skill_key,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "tailor"


def names(text: str) -> list[str]:
    return [match.skill.name for match in match_skills(make_doc(text))]


def test_compiled_taxonomy_is_current() -> None:
    assert (DATA / COMPILED).read_bytes() == compile_taxonomy(), (
        "skills.yaml changed: run python scripts/compile_taxonomy.py"
    )


def test_a_stale_compiled_taxonomy_is_ignored_for_the_yaml() -> None:
    source = (DATA / TAXONOMY).read_bytes()
    compiled = (DATA / COMPILED).read_bytes()
    assert decode_taxonomy(source, compiled) == parse_taxonomy_yaml(source) | {
        "source_sha256": decode_taxonomy(source, compiled)["source_sha256"]
    }
    edited = source.replace(b"skills:\n", b"skills:\n  - {name: Zig, category: language}\n", 1)
    assert decode_taxonomy(edited, compiled)["skills"][0]["name"] == "Zig"
    assert decode_taxonomy(source, b"not json")["skills"] == parse_taxonomy_yaml(source)["skills"]
    assert decode_taxonomy(source, None)["skills"] == parse_taxonomy_yaml(source)["skills"]


def test_taxonomy_is_large_consistent_and_typed() -> None:
    taxonomy = load_taxonomy()
    skills = taxonomy.skills
    assert len(skills) >= 500
    assert 45 <= sum(skill.kind == "soft" for skill in skills) <= 120
    lowered = Counter(term.lower() for skill in skills for term in {skill.name, *skill.aliases})
    assert [term for term, count in lowered.items() if count > 1] == []
    acronyms = Counter(term for skill in skills for term in set(skill.acronyms))
    # Only acronyms whose sense their sentence decides (skills.SHARED_ACRONYMS) are shared.
    assert [term for term, count in acronyms.items() if count > 1] == list(SHARED_ACRONYMS)
    for skill in skills:
        assert skill.category in {
            "language", "tool", "method", "concept", "domain", "education", "role", "soft"
        }  # fmt: skip
        assert all(parent in taxonomy.by_name for parent in skill.broader), skill.name
        assert skill.name not in taxonomy.ancestors[skill.name], f"cycle at {skill.name}"
        assert all(other in taxonomy.by_name for other in skill.related), skill.name
        for phrasing in skill.phrasings:  # words, one gap, words
            before, gap, after = phrasing.partition("...")
            assert gap and before.strip() and after.strip() and "..." not in after, phrasing
    areas = {skill.area for skill in skills}
    assert {"ml", "deep_learning", "computer_vision", "nlp", "llm", "mlops", "cloud"} <= areas
    assert taxonomy.broader_chain("YOLO")[:2] == ["object detection", "computer vision"]
    assert "deep learning framework" in taxonomy.broader_chain("PyTorch")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Proficient in C++, C# and .NET", ["C++", "C#", ".NET"]),
        ("Experience with scikit-learn and Node.js", ["scikit-learn", "Node.js"]),
        ("Build CI/CD pipelines", ["CI/CD"]),
        ("Fine-tune LLMs on GPUs", ["fine-tuning", "large language models", "GPU"]),
        ("natural language processing (NLP)", ["natural language processing"] * 2),
        ("Deploy on Kubernetes (k8s)", ["Kubernetes", "Kubernetes"]),
    ],
)
def test_names_kept_whole_and_inflections_matched(text: str, expected: list[str]) -> None:
    found = names(text)
    for name in expected:
        assert name in found, (text, found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Go to the office twice a week", "Go"),
        ("Please send your CV and cover letter", "computer vision"),
        ("A swift response to customers", "Swift"),
        ("Ideas that spark joy", "Apache Spark"),
        ("We are a C corporation", "C"),
        ("Ms. Jones will call you", "Master's degree"),
        ("Shape brand perception with our marketing team", "robotic perception"),
        ("Every member of the team works on the product", "teamwork"),
    ],
)
def test_ambiguous_words_in_their_everyday_sense(text: str, absent: str) -> None:
    assert absent not in names(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Python, Go, Rust and C++", "Go"),
        ("Languages: Python, R, SQL", "R"),
        ("Strong CV/ML background", "computer vision"),
        ("Familiarity with Elixir", "Elixir"),
        ("Spark, Kafka and Airflow", "Apache Spark"),
        ("Design neural networks for perception that run on our trucks", "robotic perception"),
        ("We value team work and honesty", "teamwork"),
    ],
)
def test_ambiguous_names_in_a_technical_context(text: str, present: str) -> None:
    assert present in names(text)


def test_every_name_alias_and_acronym_matches_its_skill_as_written() -> None:
    # The matchers are keyed from the taxonomy's words without tokenizing them; each term,
    # tokenized as a posting would be, must still be found whole as its own skill.
    lenient, exact = get_matchers()
    unmatched = []
    for index, skill in enumerate(load_taxonomy().skills):
        for term in {skill.name, *skill.aliases, *skill.acronyms}:
            doc = make_doc(term)
            matches = lenient(doc) + exact(doc)
            found = {(doc.vocab.strings[key], start, end) for key, start, end in matches}
            if (skill_key(index), 0, len(doc)) not in found:
                unmatched.append(term)
    assert unmatched == []


def test_acronyms_are_case_sensitive_and_fields_are_not_roles() -> None:
    assert "machine learning" in names("5 years of ML experience")
    assert "machine learning" not in names("5 ml of water")
    assert "software engineering" in names("a degree in software engineering")
    assert "software engineer" not in names("a degree in software engineering")
    assert "accounting" in names("accounting and payroll")
    assert "accounting" not in names("take into account the customer")


def test_dotted_degree_acronyms_match_without_their_last_period() -> None:
    assert "Bachelor's degree" in names("B.S, Computer Science and Technology")
    assert "Master's degree" in names("M.S in Electrical Engineering")
    assert "Bachelor's degree" in names("B.S. in Physics")
    assert "Bachelor's degree" not in names("b.s, that is nonsense")  # acronyms keep their case


def test_nested_matches_find_a_skill_inside_a_longer_term() -> None:
    doc = make_doc("Machine Learning Engineer working on video question answering")
    plain = {match.skill.name for match in match_skills(doc)}
    nested = {match.skill.name for match in match_skills(doc, nested=True)}
    assert "machine learning" not in plain and "machine learning" in nested
    assert "question answering" not in plain and "question answering" in nested
    assert plain <= nested


def test_slashes_and_commas_after_cpp_and_csharp_split_the_names() -> None:
    assert {"C++", "Java"} <= set(names("Wrote services in C++/Java"))
    assert {"C++", "Java"} <= set(names("C++,Java"))
    assert {"C++", "CUDA"} <= set(names("C++/CUDA kernels"))
    assert {"C#", ".NET"} <= set(names("C#/.NET developer"))
    assert "CI/CD" in names("CI/CD pipelines")  # still whole


def test_us_state_codes_after_a_place_are_places_not_degrees() -> None:
    assert "Master's degree" not in names("Klaviyo - Boston, MA")
    assert "Master's degree" in names("MA in Economics")
    assert names("We hire in AZ, CA, CO, MA and NY") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word before that makes the name part of another term, or a verb.
        ("Contribute to research and thought leadership", []),
        ("strong leadership skills", ["leadership"]),
        ("predictive models and automated decision making", ["predictive modeling"]),
        ("the next-gen AI dashcam", ["artificial intelligence"]),
        ("gen AI products", ["generative AI"]),
        ("help the team to build tools for training", []),
        ("experience with build tools", ["build systems"]),
        ("data pruning", []),
        ("model pruning", ["model pruning"]),
        ("ranking them by their success probability", []),
        ("Integrate new tools into existing data structures", []),
        ("knowledge of data structures", ["data structures"]),
        ("insights from league data and open source data", []),
        ("contributions to open source projects", ["open source"]),
        ("serving 2M+ monthly API requests", []),
        ("Developed a scalable and secure API", ["API development"]),
        ("after sales service", []),
        ("core ML tooling such as scikit-learn", ["machine learning", "scikit-learn"]),
        ("models shipped with Core ML on iOS", ["Core ML", "iOS development"]),
        # The longer name holds the generic word: CUDA kernels are CUDA, not "programming".
        ("CUDA kernel programming", ["CUDA"]),
        ("GPU scheduling", ["distributed scheduling"]),  # a cluster's, not a calendar's
        # GCP beside clinical words is good clinical practice, elsewhere Google's cloud.
        ("knowledge of GCPs for clinical trials", ["good clinical practice", "clinical trials"]),
        ("deployed services on GCP", ["Google Cloud Platform"]),
        ("work in an agile environment", ["agile"]),  # the method, named with its setting
        ("Communicated daily with the families of residents", ["communication"]),  # the verb
        # The end of a hyphenated name, unless a count of it.
        ("llama-cpp and Triton", []),
        ("non-NLP tasks", []),
        ("multi-GPU setups", ["GPU"]),
        # A one-letter language in a list, not in "R & D".
        ("languages such as Python or R.", ["Python", "R"]),
        ("the R & D bioinformatics team", ["bioinformatics"]),
        # An acronym the words before it define names them, not another skill.
        ("Certified Payroll Professional (CPP)", ["Certified Payroll Professional"]),
        ("C++ (CPP) and Python", ["C++", "C++", "Python"]),
        ("Large Language Models (LLMs)", ["large language models"] * 2),
        ("Google Cloud Platform (GCP)", ["Google Cloud Platform"] * 2),
    ],
)
def test_a_name_inside_another_term_is_not_that_skill(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fine-tuned ResNet-18 models", ["fine-tuning", "ResNet"]),
        ("CI with TravisCI", ["Travis CI"]),
        ("data gathering using scraping", ["data collection", "web scraping"]),
        ("trouble-shooting production issues", ["troubleshooting"]),
        ("Trained a cGAN", ["generative adversarial networks"]),
        ("Human resource, Finance", ["human resources", "finance"]),
    ],
)
def test_spellings_cvs_use(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_bracket_written_against_a_word_splits_it() -> None:
    assert names("monitoring environment(Grafana, Prometheus)") == [
        "monitoring",
        "Grafana",
        "Prometheus",
    ]
    assert names("RNN(LSTM)") == ["recurrent neural networks", "long short-term memory"]
    assert names("Machine(SVM),Logistic Regression") == ["logistic regression"]


def test_communication_of_systems_and_marketing_is_no_soft_skill() -> None:
    assert names("optimizing network communication between GPUs") == ["GPU"]
    assert names("highly-targeted customer and prospect communications") == []
    assert names("the success of communication frameworks") == []
    assert names("Excellent communication skills") == ["communication"]
    assert names("communication with stakeholders") == ["communication"]


def test_everyday_excel_and_present_are_not_skills() -> None:
    assert names("Excel at working in a highly collaborative environment") == []
    assert names("You will excel at shipping") == []
    assert "Microsoft Excel" in names("SQL and Excel")
    assert names("This role will also present exciting opportunities") == []
    assert "presentation skills" in names("presenting findings to executives")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Describing words between a verb and its object, a determiner and hyphens among them.
        ("Conducted extensive experiments to validate the method",
         {"experimentation": "Conducted extensive experiments"}),
        ("conducted the large-scale ablation experiments",
         {"experimentation": "conducted the large-scale ablation experiments",
          "ablation studies": "ablation experiments"}),
        ("Participated in the creation of a petrochemical factory leakage dataset",
         {"dataset curation": "creation of a petrochemical factory leakage dataset"}),
        # Skills among the describing words count on their own.
        ("Converted PyTorch models to ONNX",
         {"model format conversion": "Converted PyTorch models", "PyTorch": "PyTorch",
          "ONNX": "ONNX"}),
        # The noun of the verb, as a title or a posting writes it.
        ("Method and System for Automatic Conversion of Algorithm Models",
         {"model format conversion": "Conversion of Algorithm Models", "algorithms": "Algorithm"}),
        ("pipelines for the evaluation of NLP models",
         {"model evaluation": "evaluation of NLP models", "natural language processing": "NLP"}),
        ("end-to-end analysis of image data sets", {"data analysis": "analysis of image data"}),
        # Verbs joined before a phrasing's share its object.
        ("train and deploy models", {"model training": "train and deploy models",
                                     "model deployment": "deploy models"}),
        ("design, train, and evaluate vision models",
         {"model training": "train, and evaluate vision models",
          "model evaluation": "evaluate vision models"}),
        ("the training and evaluation of NLP models",
         {"model training": "training and evaluation of NLP models",
          "model evaluation": "evaluation of NLP models", "natural language processing": "NLP"}),
        ("gather and analyze data", {"data analysis": "analyze data"}),
        ("Proficiency in designing experiments", {"experimental design": "designing experiments"}),
        ("tools to track and manage experiments",
         {"experiment tracking": "manage experiments"}),
        ("Have published in leading journals",
         {"research publications": "published in leading journals"}),
        # A phrasing the taxonomy also names literally is found once.
        ("train the model", {"model training": "train the model"}),
        # The gap takes no stop word, comma or clause; at most four words.
        ("conducted interviews, experiments", {}),
        ("ran a search for the experiments", {}),
        ("trained huge robust fast efficient vision models", {}),
        # Nor when a describing word gives the object another sense.
        ("Validated financial models for the board", {}),
        ("evaluation of our pricing models", {}),
        ("Authored white papers on policy", {}),
        ("Validated large vision models", {"model evaluation": "Validated large vision models"}),
        # Nor does a phrasing start or end inside a hyphenated word.
        ("our industry-leading research team", {}),
        ("a library of pre-trained models", {"pre-trained models": "pre-trained models"}),
        ("Led cross-team initiatives", {}),
        ("trained robust fast efficient vision models",
         {"model training": "trained robust fast efficient vision models"}),
    ],
)  # fmt: skip
def test_phrasings_allow_describing_words_between_verb_and_object(
    text: str, expected: dict[str, str]
) -> None:
    matches = match_skills(make_doc(text))
    assert {m.skill.name: m.text for m in matches} == expected
    assert len(matches) == len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The last words are shared, in a list too, past a conjunct of several words.
        ("statistical or econometric models",
         {"statistical modeling": "statistical models", "econometrics": "econometric models"}),
        ("Employ statistical, machine learning, and econometric models",
         {"statistical modeling": "statistical models", "machine learning": "machine learning",
          "econometrics": "econometric models"}),
        # The first words are shared.
        ("model training and deployment", {"model training": "model training",
                                           "model deployment": "model deployment"}),
        # Not where the last conjunct opens a name of its own.
        ("the customer's data sheets and Engineering Drawing", {}),
        ("written and verbal communication", {"written communication": "written communication",
                                              "verbal communication": "verbal communication"}),
        # A word that ends a longer name modifies nothing: no 'process modeling' here.
        ("natural language processing, and statistical modeling",
         {"natural language processing": "natural language processing",
          "statistical modeling": "statistical modeling"}),
        # Nor one that starts a longer name: no 'data versioning' here.
        ("data modeling and version control", {"data modeling": "data modeling",
                                               "version control": "version control"}),
        # A skill named in full is named once, as written (not "Containers orchestration").
        ("Containers and Container orchestration tools",
         {"container orchestration": "Container orchestration"}),
        # A comma list shares no first word: Physics, then Chemistry, not computational chemistry.
        ("Computational Physics, Chemistry", {"physics": "Physics", "chemistry": "Chemistry"}),
    ],
)  # fmt: skip
def test_coordinations_name_each_skill_with_the_shared_words(
    text: str, expected: dict[str, str]
) -> None:
    doc = make_doc(text)
    matches = match_skills(doc)
    found = {m.skill.name: m.text for m in matches}
    assert found == expected and len(matches) == len(found)  # each skill once
    # Where the text is, the words are as written (what a literal screen would look for).
    written = {m.skill.name: text[m.start : m.end] for m in match_skills(doc)}
    assert written.get("statistical modeling", "") in text
