# ruff: noqa: E501
# (Each article paragraph is one source line, exactly as it is written to the corpus files.)
"""Write newsloom's demo corpus: a fictional dam negotiation and its coverage.

The texts live here as UTF-8 source so they stay editable; each corpus file is
written in the encoding a real site would have used (Windows-1251, KOI8-R,
Big5, GB18030, cp1252, UTF-8 with and without BOM), because telling those apart
is part of what the demo shows.  Every person, place, outlet and organisation is
invented.  ``EXPECTED.json`` beside this script says what newsloom must find.

Run ``python demo/make_demo.py [OUT_DIR]`` (default ``demo/corpus``); the output
is deterministic, and ``tests/test_demo_corpus.py`` checks it matches the
committed files.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def para(*lines: str) -> str:
    """Paragraphs separated by blank lines, the way most text exports look."""
    return "\n\n".join(lines) + "\n"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


# --- 01: the English original, an HTML page -------------------------------------------

EN_TITLE = (
    "Marenia and Seloria agree minimum flow for the Lunava after three days of talks in Tarvik"
)
EN_STANDFIRST = "A joint statement signed at the IRBC headquarters guarantees the downstream country 450 cubic metres of water per second while the reservoir of the Upper Lunava Dam fills."
EN_BODY = [
    "TARVIK — Marenia and Seloria signed a joint statement in Tarvik on Wednesday that guarantees a minimum flow of 450 cubic metres per second on the Lunava River while Marenia fills the reservoir behind its new Upper Lunava Dam, ending three days of talks that at one point looked close to collapse.",
    "The agreement, reached at the headquarters of the International River Basin Commission (IRBC) on 12 March 2025, stretches the filling of the reservoir from three years to five and obliges Marenia to share gauge readings from the dam every hour. Seloria, which lies downstream and draws most of its irrigation water from the river, had asked for both since the project was announced.",
    "“Nobody in Marenia wants to win an argument about water and lose a neighbour,” Irina Volkova, Marenia's lead negotiator and deputy minister for water resources, told reporters after the signing. She said the slower schedule would cost her country about a year of electricity output but that the reservoir would still be full before 2030.",
    "Tomas Elling, who led the Selorian delegation, called the statement a first step rather than a settlement. “For the first time, the farmers of the delta have a number they can hold someone to,” Elling said. He added that Seloria would judge the deal by the river levels in August, when demand for irrigation peaks.",
    "The talks opened on Monday under the chairmanship of IRBC Secretary-General Helena Strand, who had invited both delegations to Tarvik after a first round in the Selorian capital, Arvena, ended without agreement on 18 November 2024. That meeting broke up after nine hours, when Marenia declined to put any figure for the minimum flow in writing.",
    "On Tuesday the technical teams spent most of the day comparing hydrological models, and the gap between the two sides' numbers barely moved. Seloria asked for 520 cubic metres per second; Marenia's engineers argued that anything above 400 would leave the turbines idle for most of the dry season. According to two people present, the session ran until almost 3 a.m. before Strand proposed the compromise figure.",
    "“A dam is built once, but a river has to be shared every day,” Strand said at the closing ceremony. She said the commission would send a monitoring mission of twelve hydrologists to the dam on 1 April 2025 and publish its readings each week.",
    "Under the statement, the minimum flow will be measured at the Kessel gauging station, a few kilometres upstream of the border, rather than at the dam itself — a point on which Seloria had insisted because several irrigation channels draw water from the river between the two sites. If the flow falls below the agreed figure for more than 48 hours, either side can ask the commission to convene an emergency meeting within a week.",
    "The deal does not settle every dispute. The two countries still disagree on how much silt the dam will trap and on who should pay for dredging the delta's irrigation canals, and both delegations said a full treaty on the river would need another round of talks before the end of September.",
    "In Arvena, the reaction was cautious. The Selorian Farmers' Union said in a statement that it welcomed the guarantee but would have preferred the higher figure. In the Marenian capital, Lessovar, a government spokesman said the agreement protected both the dam and the relationship with Marenia's neighbour.",
    "The Upper Lunava Dam, a 190-metre concrete wall in the mountains of northern Marenia, was completed last year. Running at full capacity, it is expected to supply roughly a third of Marenia's electricity.",
]

NAV = ["Home", "World", "Environment", "Business", "Science", "Opinion"]
RELATED = [
    (
        "/world/2024/11/18/arvena-talks-end-without-deal",
        "Arvena talks end without a deal on Lunava flows",
    ),
    (
        "/environment/2025/02/27/delta-farmers-dry-summer",
        "Delta farmers in Seloria prepare for a dry summer",
    ),
    (
        "/business/2024/09/03/upper-lunava-dam-inside",
        "Inside the Upper Lunava Dam, Marenia's biggest building project",
    ),
]


def page_01() -> str:
    hrefs = ["/" if n == "Home" else f"/{n.lower()}" for n in NAV]
    nav = "\n".join(
        f'        <li><a href="{h}">{n}</a></li>' for h, n in zip(hrefs, NAV, strict=True)
    )
    related = "\n".join(f'        <li><a href="{u}">{esc(t)}</a></li>' for u, t in RELATED)
    body = "\n".join(f"      <p>{esc(p)}</p>" for p in EN_BODY)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(EN_TITLE)} | Northern Meridian</title>
  <meta name="description" content="{html.escape(EN_STANDFIRST)}">
  <meta name="author" content="Clara Whitfield">
  <meta property="og:title" content="{html.escape(EN_TITLE)}">
  <meta property="og:site_name" content="Northern Meridian">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="2025-03-12T18:40:00+00:00">
  <link rel="canonical" href="https://northern-meridian.example/world/2025/03/12/tarvik-lunava-flow-deal">
</head>
<body>
  <header class="site-header">
    <div class="logo"><a href="/">Northern Meridian</a></div>
    <nav>
      <ul>
{nav}
      </ul>
    </nav>
  </header>
  <main>
    <article>
      <h1>{esc(EN_TITLE)}</h1>
      <p class="standfirst">{esc(EN_STANDFIRST)}</p>
      <p class="byline">By <span class="author">Clara Whitfield</span></p>
      <p class="dateline"><time datetime="2025-03-12T18:40:00+00:00">12 March 2025, 18:40 GMT</time></p>
      <figure>
        <img src="/img/2025/03/tarvik-signing.jpg" alt="Two negotiators shake hands in front of flags">
        <figcaption>Irina Volkova (left) and Tomas Elling shake hands after signing the joint statement at the IRBC headquarters in Tarvik.</figcaption>
        <p class="credit">Photo: Jonas Berg / Northern Meridian</p>
      </figure>
{body}
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer>
    <p class="newsletter">Sign up for the morning briefing from our newsroom.</p>
    <ul>
        <li><a href="/about">About us</a></li>
        <li><a href="/contact">Contact</a></li>
        <li><a href="/privacy">Privacy policy</a></li>
    </ul>
    <p>© 2025 Northern Meridian. All rights reserved.</p>
  </footer>
</body>
</html>
"""


# --- 02: its Russian translation, Windows-1251 -----------------------------------------

RU_TITLE = "Марения и Селория договорились о минимальном стоке Лунавы после трёх дней переговоров в Тарвике"
RU_BODY = [
    "Совместное заявление, подписанное в штаб-квартире МКРБ, гарантирует стране, расположенной ниже по течению, 450 кубометров воды в секунду, пока заполняется водохранилище Верхнелунавской плотины.",
    "ТАРВИК — Марения и Селория подписали в среду в Тарвике совместное заявление, которое гарантирует минимальный сток реки Лунава в 450 кубометров в секунду, пока Марения заполняет водохранилище своей новой Верхнелунавской плотины. Так завершились трёхдневные переговоры, которые в какой-то момент едва не сорвались.",
    "Соглашение, достигнутое 12 марта 2025 года в штаб-квартире Международной комиссии по речным бассейнам (МКРБ), растягивает заполнение водохранилища с трёх лет до пяти и обязывает Марению ежечасно передавать показания гидропостов плотины. Селория, расположенная ниже по течению и получающая из реки большую часть воды для орошения, добивалась и того и другого с тех пор, как о проекте было объявлено.",
    "«Никто в Марении не хочет выиграть спор о воде и потерять соседа», — сказала журналистам после подписания Ирина Волкова, глава делегации Марении и заместитель министра водных ресурсов. По её словам, более медленный график обойдётся стране примерно в год выработки электроэнергии, но водохранилище всё равно будет заполнено до 2030 года.",
    "Томас Эллинг, возглавлявший делегацию Селории, назвал заявление первым шагом, а не окончательным урегулированием. «Впервые у фермеров дельты есть цифра, за которую можно с кого-то спросить», — заявил Эллинг. Он добавил, что Селория будет судить о сделке по уровню воды в реке в августе, когда спрос на орошение достигает пика.",
    "Переговоры открылись в понедельник под председательством генерального секретаря МКРБ Хелены Странд, которая пригласила обе делегации в Тарвик после того, как первый раунд в столице Селории Арвене 18 ноября 2024 года завершился безрезультатно. Та встреча закончилась через девять часов, когда Марения отказалась письменно закрепить какую-либо цифру минимального стока.",
    "Во вторник технические группы почти весь день сравнивали гидрологические модели, и разрыв между цифрами сторон почти не сократился. Селория просила 520 кубометров в секунду; инженеры Марении утверждали, что при любом значении выше 400 турбины будут простаивать большую часть сухого сезона. По словам двух участников, заседание продолжалось почти до трёх часов ночи, пока Странд не предложила компромиссную цифру.",
    "«Плотину строят один раз, а реку приходится делить каждый день», — сказала Странд на церемонии закрытия. Она сообщила, что 1 апреля 2025 года комиссия направит на плотину мониторинговую миссию из двенадцати гидрологов и будет еженедельно публиковать её данные.",
    "Согласно заявлению, минимальный сток будет измеряться не на самой плотине, а на Кессельском гидропосту в нескольких километрах выше границы: на этом настаивала Селория, поскольку между двумя точками из реки забирают воду несколько оросительных каналов. Если сток опустится ниже согласованной величины более чем на 48 часов, любая из сторон сможет попросить комиссию созвать в течение недели экстренное заседание.",
    "Сделка решает не все споры. Страны по-прежнему расходятся в том, сколько ила задержит плотина и кто должен платить за расчистку оросительных каналов в дельте, а обе делегации заявили, что для полноценного договора о реке потребуется ещё один раунд переговоров до конца сентября.",
    "В Арвене реакция была сдержанной. Союз фермеров Селории заявил, что приветствует гарантию, но предпочёл бы более высокую цифру. В столице Марении Лессоваре официальный представитель правительства заявил, что соглашение защищает одновременно и плотину, и отношения с соседом.",
    "Верхнелунавская плотина — 190-метровая бетонная стена в горах на севере Марении — была достроена в прошлом году. Ожидается, что при работе на полную мощность она будет давать примерно треть электроэнергии страны.",
]


def text_02() -> str:
    header = "\n".join(
        [
            "Источник: Northern Meridian",
            "Дата публикации: 13 марта 2025",
            "Автор: Клара Уитфилд",
            "Перевод с английского: Павел Орехов",
        ]
    )
    footer = "© Northern Meridian, 2025. Перевод публикуется с разрешения редакции."
    return para(RU_TITLE, header, *RU_BODY, footer)


# --- 03: an interleaved Chinese/English page (Chinese original); 04: its English copy ---

BI_TITLE_EN = "Tarvik deal buys time for the Lunava, but the hard questions remain"
BI_TITLE_ZH = "塔尔维克协议为卢纳瓦河赢得时间 难题仍待破解"
BI_PAIRS = [
    (
        "马雷尼亚和塞洛里亚12日在塔尔维克签署联合声明，就卢纳瓦河最低流量达成一致。分析人士认为，这份声明为下游国家赢得了时间，但泥沙、清淤费用等深层分歧仍未解决。",
        "Marenia and Seloria signed a joint statement in Tarvik on March 12, agreeing on a minimum flow for the Lunava River. Analysts believe the statement buys time for the downstream country, but deeper disputes over silt and the cost of dredging remain unresolved.",
    ),
    (
        "根据声明，在上卢纳瓦大坝水库蓄水期间，马雷尼亚须保证卢纳瓦河在边境附近凯塞尔水文站的流量不低于每秒450立方米，蓄水期也由三年延长至五年。",
        "Under the statement, while the reservoir of the Upper Lunava Dam is being filled, Marenia must ensure that the flow of the Lunava at the Kessel gauging station near the border does not fall below 450 cubic metres per second, and the filling period is extended from three years to five.",
    ),
    ("艰难的三天", "Three difficult days"),
    (
        "本轮谈判于10日（周一）在国际河流流域委员会总部开幕，由该委员会秘书长海伦娜·斯特兰德主持。11日的技术磋商一度陷入僵局，双方围绕流量数字一直争执到次日凌晨。",
        "The talks opened on Monday, March 10, at the headquarters of the International River Basin Commission and were chaired by its Secretary-General, Helena Strand. The technical session on March 11 reached a deadlock at one point, with the two sides arguing over the flow figure until the early hours of the next day.",
    ),
    (
        "马雷尼亚首席谈判代表、水资源部副部长伊琳娜·沃尔科娃表示，放慢蓄水进度意味着马雷尼亚将少发约一年的电，但这是维护睦邻关系必须付出的代价。",
        "Irina Volkova, Marenia's chief negotiator and deputy minister for water resources, said that slowing the filling means Marenia will lose about a year of power generation, but that this is a price that must be paid for good-neighbourly relations.",
    ),
    (
        "塞洛里亚代表团团长托马斯·埃林则强调，声明只是第一步。他说：“真正的考验在八月，那时三角洲的农田最需要水。”",
        "Tomas Elling, head of the Selorian delegation, stressed that the statement is only a first step. “The real test comes in August, when the fields of the delta need water most,” he said.",
    ),
    ("分歧仍存", "Differences remain"),
    (
        "分析人士指出，大坝将拦截大量泥沙，下游三角洲的灌溉渠道可能需要更频繁地清淤。至于由谁承担这笔费用，声明只字未提。",
        "Analysts pointed out that the dam will trap large amounts of silt, and the irrigation canals of the downstream delta may need dredging more often. The statement says nothing about who will bear that cost.",
    ),
    (
        "塔尔维克大学水资源研究所研究员马琳表示，去年11月18日在阿尔韦纳举行的首轮谈判无果而终，此次能写下具体数字已属不易，但距离签署全面的河流条约还有很长的路要走。",
        "Ma Lin, a researcher at the Institute of Water Resources of Tarvik University, said that after the first round of talks in Arvena ended without results on November 18 last year, writing down a specific number this time was no small achievement, but there is still a long way to go before a comprehensive river treaty is signed.",
    ),
    (
        "按照计划，国际河流流域委员会将于4月1日向大坝派驻由12名水文专家组成的监测团，并每周公布监测数据。双方同意在9月底前举行新一轮谈判。",
        "According to the plan, the International River Basin Commission will send a monitoring mission of 12 hydrologists to the dam on April 1 and publish the monitoring data every week. The two sides agreed to hold a new round of talks before the end of September.",
    ),
]
BI_RELATED = [
    "Delta rice growers count the cost of a dry spring",
    "River commissions: who pays for the monitoring?",
    "Continue...",
]


def text_03() -> str:
    header = "\n".join(
        ["Source", "Global Rivers Herald", "Editor", "Zhou Minhui", "Time", "2025-03-13 09:15:00"]
    )
    body = [line for pair in BI_PAIRS for line in pair]
    return para(
        BI_TITLE_EN,
        BI_TITLE_ZH,
        header,
        "陈思远 许丽",
        "By Chen Siyuan and Xu Li",
        *body,
        "Related News",
        *BI_RELATED,
    )


def text_04() -> str:
    """The English channel of the same site: no Chinese, no header labels."""
    header = "\n".join(["Global Rivers Herald", "Zhou Minhui", "2025-03-13 09:15:00"])
    body = [en for _, en in BI_PAIRS]
    return para(BI_TITLE_EN, header, "By Chen Siyuan and Xu Li", *body, "Related News")


# --- 05: the earlier Arvena round, Traditional Chinese in Big5 ---------------------------

HANT_TITLE = "阿爾韋納水壩談判無果而終 下游國憂旱季斷流"
HANT_BODY = [
    "馬雷尼亞與塞洛里亞就盧納瓦河上游水壩舉行的首輪談判，18日在塞洛里亞首都阿爾韋納結束。雙方談了九個小時，仍未能就下游最低流量達成任何書面共識。",
    "上盧納瓦大壩位於馬雷尼亞北部山區，壩高190米，預計年底前竣工。塞洛里亞約七成的灌溉用水來自盧納瓦河，該國擔心水庫蓄水期間下游流量驟減，三角洲的稻田將在旱季缺水。",
    "各執一詞",
    "塞洛里亞代表團團長托馬斯·埃林會後對記者說：「我們帶著具體數字來到阿爾韋納，卻只聽到了原則。」",
    "埃林表示，塞洛里亞要求在邊境附近的凱塞爾水文站保證每秒至少520立方米的流量，並由第三方負責監測。",
    "馬雷尼亞首席談判代表伊琳娜·沃爾科娃則認為，大壩尚未完工，水文數據仍不完整，現在寫下任何數字都為時過早。她說：「我們願意繼續談，但不能承諾一個我們無法兌現的數字。」",
    "國際河流流域委員會秘書長海倫娜·斯特蘭德當天發表聲明，呼籲雙方保持克制，並表示委員會願意在其總部所在地塔爾維克主辦下一輪談判。",
    "積怨已久",
    "分析人士指出，兩國在盧納瓦河問題上的分歧由來已久。上世紀八十年代，兩國曾簽署一份漁業協議，但從未就水量分配訂立條約。",
    "據悉，雙方同意在明年第一季度前恢復接觸。塞洛里亞農業部門已開始評估明年旱季的用水方案，部分農戶考慮改種耗水較少的作物。",
]


def text_05() -> str:
    return para(
        HANT_TITLE,
        "本文轉自【水脈週報】；",
        "2024年11月19日 08:30",
        *HANT_BODY,
        "版權聲明：本文源自 水脈週報，由 河畔閱讀 整理發佈。",
        f"轉載請註明：{HANT_TITLE} - 河畔閱讀",
    )


# --- 06: the main event from a Simplified-Chinese outlet, GB18030 -------------------------

HANS_TITLE = "卢纳瓦河最低流量写入联合声明 马雷尼亚与塞洛里亚塔尔维克谈判取得突破"
HANS_BODY = [
    "东岸新闻网塔尔维克3月12日电 经过三天的艰苦谈判，马雷尼亚与塞洛里亚12日在国际河流流域委员会总部签署联合声明。马方承诺，在上卢纳瓦大坝水库蓄水期间，保证卢纳瓦河下泄流量不低于每秒450立方米。",
    "马雷尼亚首席谈判代表伊琳娜·沃尔科娃在签字仪式后表示，水是两国共同的财富，马方愿意为此放慢蓄水节奏。她说：“我们宁可晚一年发电，也不愿让邻国的田地干涸。”",
    "塞洛里亚代表团团长托马斯·埃林对记者说，这是两国首次就流量问题写下具体数字，但协议能否落实，要看今年八月的河水水位。",
    "本轮谈判于周一开幕。周二的技术磋商一度陷入僵局：塞方坚持每秒520立方米，马方工程师则认为，超过400立方米将使涡轮机在旱季大部分时间闲置。国际河流流域委员会秘书长海伦娜·斯特兰德在深夜提出折中方案，双方最终接受。",
    "根据联合声明，水库蓄水期由三年延长至五年，马方须每小时向塞方通报大坝水文数据。流量将在边境上游数公里处的凯塞尔水文站测量。若流量连续48小时低于约定标准，任何一方均可要求委员会在一周内召开紧急会议。",
    "斯特兰德表示，委员会将于4月1日向大坝派出由12名水文专家组成的监测团。她说，这份声明证明，即使在最敏感的问题上，对话也能产生结果。",
    "去年11月，两国在塞洛里亚首都阿尔韦纳举行的首轮谈判无果而终。分析人士认为，此次声明虽然没有解决泥沙和清淤费用等问题，但为两国在9月底前缔结全面的河流条约奠定了基础。",
]


def text_06() -> str:
    return para(
        HANS_TITLE,
        "来源：东岸新闻网\n2025-03-12 21:05\n记者：林晓舟",
        "图为3月12日，沃尔科娃（左）与埃林在塔尔维克签署联合声明后握手。（东岸新闻网记者 林晓舟 摄）",
        *HANS_BODY,
        "阅读更多",
        "上卢纳瓦大坝：马雷尼亚的“世纪工程”",
        "三角洲稻农：今年夏天的水够用吗？",
        "责任编辑：郑雨桐",
    )


# --- 07: a literal Chinese machine translation first, then the English original ----------

MT_EN_TITLE = "What the Tarvik statement means for the Lunava"
MT_EN_BODY = [
    "After three days of talks in Tarvik, Marenia and Seloria on Wednesday put a number on the river they share: at least 450 cubic metres of water per second must keep flowing past the Kessel gauging station while the reservoir behind the Upper Lunava Dam fills.",
    "It is a modest figure, lower than the 520 that Seloria wanted and higher than the 400 that Marenia's engineers said the turbines could live with. But it is the first time the two governments have written any figure down at all.",
    "“We did not come here to sign a poem about friendship. We came to sign a number,” Tomas Elling, Seloria's lead negotiator, said as he left the commission building late on Wednesday.",
    "His counterpart, Irina Volkova, struck a softer tone. “A river does not read treaties, so we will have to keep talking,” she told reporters, adding that Marenia expected a full treaty by the autumn.",
    "The statement also gives the International River Basin Commission a role it has sought for years. From April 1, a team of twelve commission hydrologists will be based at the dam, and their weekly readings will be published on the commission's website.",
    "Many questions remain open. Engineers on both sides expect the dam to trap much of the silt that now reaches the delta, and nobody has agreed who will pay to dredge the canals that carry water to Seloria's rice fields. Those questions were pushed to the next round, which the two sides said would take place before the end of September.",
    "For farmers in the delta, the timing matters most. The dry season peaks in August, and the first real test of the minimum flow will come then, when the reservoir is still less than half full.",
    "The agreement follows a failed first round in Arvena last November, when the talks broke up after nine hours without a written figure. Commission officials said the shift in Marenia's position came after its own engineers revised their estimate of the dam's output during a slower filling.",
    "“Nobody got everything they asked for, which is usually how you know a compromise is real,” said Helena Strand, the commission's Secretary-General, who chaired the talks.",
]
MT_ZH_TITLE = "塔尔维克声明对卢纳瓦河意味着什么"
MT_ZH_BODY = [
    "在塔尔维克进行了三天的会谈之后，马雷尼亚和塞洛里亚周三为他们共享的河流设定了一个数字：在上卢纳瓦大坝后面的水库蓄水期间，每秒至少450立方米的水必须继续流过凯塞尔水文站。",
    "这是一个适度的数字，低于塞洛里亚想要的520，高于马雷尼亚的工程师所说的涡轮机可以忍受的400。但这是两国政府第一次把任何数字写下来。",
    "“我们来这里不是为了签署一首关于友谊的诗。我们来是为了签署一个数字，”塞洛里亚首席谈判代表托马斯·埃林周三晚些时候离开委员会大楼时说。",
    "他的对手伊琳娜·沃尔科娃语气较为温和。“一条河不阅读条约，所以我们将不得不继续谈话，”她告诉记者，并补充说马雷尼亚预计在秋季之前达成一项完整的条约。",
    "该声明还给予了国际河流流域委员会一个它多年来一直寻求的角色。从4月1日起，一个由12名委员会水文学家组成的团队将驻扎在大坝，他们的每周读数将在委员会的网站上公布。",
    "许多问题仍然悬而未决。双方的工程师预计大坝将拦截目前到达三角洲的大部分泥沙，而且没有人同意谁将支付疏浚将水输送到塞洛里亚稻田的运河的费用。这些问题被推到了下一轮，双方表示下一轮将在9月底之前举行。",
    "对于三角洲的农民来说，时机最重要。旱季在8月达到高峰，届时最低流量的第一次真正考验将会到来，那时水库仍然不到一半满。",
    "该协议是在去年11月在阿尔韦纳的失败的第一轮之后达成的，当时会谈在九个小时后破裂，没有书面数字。委员会官员说，马雷尼亚立场的转变是在其自己的工程师修改了他们对较慢蓄水期间大坝产出的估计之后发生的。",
    "“没有人得到了他们要求的一切，这通常是你知道一个妥协是真实的方式，”主持会谈的委员会秘书长海伦娜·斯特兰德说。",
]


def text_07() -> str:
    """Paragraphs on consecutive lines, no blank lines: how copy-pasted MT output looks."""
    lines = [
        MT_ZH_TITLE,
        *MT_ZH_BODY,
        MT_EN_TITLE,
        "By Marcus Dole, Riverline Review",
        "March 13, 2025",
        *MT_EN_BODY,
        "Riverline Review newsletter: sign up for weekly water news",
    ]
    return "\n".join(lines) + "\n"


# --- 08: a Russian original column with an English translation, KOI8-R -------------------
# KOI8-R has no guillemets, typographic quotes or dashes: the text uses ASCII " and --.

COL_RU_TITLE = "Цифра вместо обещаний: что изменило соглашение в Тарвике"
COL_RU_BODY = [
    "Соглашение, подписанное в среду в Тарвике, не решает всех проблем Лунавы, но впервые переводит спор Марении и Селории из области обещаний в область цифр. 450 кубометров в секунду на Кессельском гидропосту -- это величина, которую можно измерить, проверить и оспорить.",
    "Я занимаюсь гидрологией Лунавы больше двадцати лет, и за это время стороны ни разу не записывали в документ конкретный расход воды. Даже первый раунд, который Арвена принимала 18 ноября прошлого года, закончился тем, что делегация Марении отказалась обсуждать любые числа, ссылаясь на неполные данные.",
    'Компромисс выглядит разумным. При расходе 450 кубометров турбины Верхнелунавской плотины смогут работать в сухой сезон хотя бы несколько часов в сутки, а рисовые поля дельты получат воду в самый жаркий месяц. Ирина Волкова на пресс-конференции сказала: "Мы уступили время, но не уступили плотину". Это точное описание сделки.',
    "Главное достижение, на мой взгляд, -- ежечасный обмен данными и миссия МКРБ, которая начнет работу на плотине 1 апреля. Без независимых измерений любая цифра осталась бы на бумаге.",
    "Но есть и слабые места. Документ ничего не говорит об иле, который плотина будет задерживать. Глава делегации Селории Томас Эллинг заявил, что этот вопрос перенесен на следующий раунд, однако для дельты он не менее важен, чем объем воды.",
    "Наконец, пять лет заполнения -- срок, за который климат может преподнести сюрпризы. Если два засушливых года придутся подряд, 450 кубометров окажутся либо недостижимыми для Марении, либо недостаточными для Селории.",
    "Поэтому я бы назвал Тарвик не победой, а хорошей отправной точкой. Переговоры о полном договоре должны завершиться до конца сентября, и именно тогда станет ясно, научились ли соседи делить реку.",
    "Автор -- гидролог, старший научный сотрудник Лессоварского института водного хозяйства.",
]
COL_EN_TITLE = "A Number Instead of Promises: What the Tarvik Agreement Changed"
COL_EN_BODY = [
    "The agreement signed in Tarvik on Wednesday does not solve all of the Lunava's problems, but for the first time it moves the dispute between Marenia and Seloria from the realm of promises to the realm of numbers. 450 cubic metres per second at the Kessel gauging station is a quantity that can be measured, checked and challenged.",
    "I have studied the hydrology of the Lunava for more than twenty years, and in all that time the two sides have never written a specific flow rate into a document. Even the first round, hosted by Arvena on 18 November last year, ended with the Marenian delegation refusing to discuss any figures, citing incomplete data.",
    'The compromise looks reasonable. At 450 cubic metres, the turbines of the Upper Lunava Dam will be able to run for at least a few hours a day in the dry season, and the delta\'s rice fields will get water in the hottest month. Irina Volkova said at the press conference: "We gave up time, but we did not give up the dam." That is an accurate description of the deal.',
    "The main achievement, in my view, is the hourly exchange of data and the IRBC mission, which will begin work at the dam on 1 April. Without independent measurements, any figure would have stayed on paper.",
    "But there are weak points too. The document says nothing about the silt the dam will hold back. Tomas Elling, the head of the Selorian delegation, said that this issue had been postponed to the next round, but for the delta it is no less important than the volume of water.",
    "Finally, five years of filling is long enough for the climate to bring surprises. If two dry years come in a row, 450 cubic metres will prove either unattainable for Marenia or insufficient for Seloria.",
    "That is why I would call Tarvik not a victory but a good starting point. Talks on a full treaty are due to finish by the end of September, and that is when it will become clear whether the neighbours have learned to share a river.",
    "The author is a hydrologist and senior researcher at the Lessovar Institute of Water Management.",
]


def text_08() -> str:
    return para(
        "Гидрополитика сегодня\n14 марта 2025\nОлег Заречный",
        COL_RU_TITLE,
        *COL_RU_BODY,
        "English translation",
        COL_EN_TITLE,
        "By Oleg Zarechny. Translated from Russian by Ruth Navarro.",
        *COL_EN_BODY,
        "Читайте также",
        "Плотины и засухи: пять уроков для Лунавы",
        "Почему дельта Лунавы теряет ил",
        "Как работают речные комиссии",
        "Подписаться на рассылку",
        "© Гидрополитика сегодня, 2025",
    )


# --- 09: a French report on the main event, cp1252; the same text is 10_wire.jsonl:1 ----

FR_TITLE = "Lunava : la Marénie et la Sélorie s’accordent sur un débit minimal à Tarvik"
FR_BODY = [
    "Après trois jours de négociations à Tarvik, la Marénie et la Sélorie ont signé mercredi 12 mars 2025 une déclaration commune qui garantit un débit minimal de 450 mètres cubes par seconde sur la Lunava pendant le remplissage du réservoir du barrage de la Haute-Lunava.",
    "Le texte, signé au siège de la Commission internationale des bassins fluviaux (CIBF), étale le remplissage sur cinq ans au lieu de trois et oblige la Marénie à transmettre chaque heure les relevés du barrage à son voisin situé en aval.",
    "« Personne en Marénie ne veut gagner une dispute sur l’eau et perdre un voisin », a déclaré Irina Volkova, la négociatrice en chef marénienne. Son homologue sélorien, Tomas Elling, a salué « un premier pas » et prévenu que le vrai test viendrait en août, au plus fort de la saison sèche.",
    "Les pourparlers s’étaient ouverts lundi sous la présidence de la secrétaire générale de la commission, Helena Strand. Mardi, les experts techniques ont siégé jusqu’à trois heures du matin avant d’accepter le chiffre de compromis proposé par Mme Strand.",
    "Une mission de douze hydrologues de la commission s’installera au barrage le 1er avril. Une première série de discussions, à Arvena en novembre dernier, avait échoué faute d’accord sur un chiffre. Les deux pays espèrent conclure un traité complet avant la fin septembre.",
]


def text_09() -> str:
    return para(FR_TITLE, "Le Courrier fluvial — 12 mars 2025\nPar Camille Vernet", *FR_BODY)


def french_spacing(text: str) -> str:
    """French sets guillemets off with no-break spaces; the source uses plain ones."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


# --- 10: a JSONL export of four articles from different sources --------------------------

BEETLE_BODY = [
    "Biologists exploring a flooded cave system beneath Mount Orrin in the Vesk Highlands have described a new species of eyeless beetle, the first animal known to live only in those caves.",
    "The insect, about four millimetres long and almost transparent, was found in 2023 on mud banks more than two hundred metres below the surface. The team named it Troglorrinus pallidus after its pale body and the mountain where it was found.",
    "“It has no eyes and no wings, but it has remarkably long antennae, which it uses to find films of bacteria on the cave walls,” said Elsa Brandt, an entomologist at the Vesk Natural History Institute who led the study.",
    "The researchers believe the beetle's ancestors were washed into the caves by melting glaciers tens of thousands of years ago. Genetic tests suggest that its closest relatives live in caves about 300 kilometres to the south.",
    "Brandt said the caves should be closed to visitors during the spring floods, when the beetles move to higher ground and are easily trampled. The regional park authority said it would consider the request.",
]
OPENING_BODY = [
    "Negotiators from Marenia and Seloria began three days of talks in Tarvik on Monday over the Upper Lunava Dam, with the downstream country demanding a written guarantee of how much water will reach it while the dam's reservoir fills.",
    "The talks, hosted by the International River Basin Commission, are the first since a round in Arvena in November ended without agreement.",
    "Seloria's delegation, led by Tomas Elling, is asking for a minimum flow of 520 cubic metres per second at the border. Marenia's lead negotiator, Irina Volkova, said on arrival that her team had brought “new data and an open mind” but gave no figure.",
    "Helena Strand, the commission's Secretary-General, told the opening session that both sides had “a shared river and a shared interest in keeping it alive”. The delegations are expected to meet in technical groups on Tuesday before a final session on Wednesday.",
]
DEADLOCK_BODY = [
    "Переговоры Марении и Селории о режиме заполнения водохранилища Верхнелунавской плотины во вторник зашли в тупик: стороны так и не сошлись в том, какой минимальный сток реки Лунава должен доходить до границы.",
    "Селория настаивает на 520 кубометрах в секунду. Инженеры Марении считают, что при таком расходе турбины плотины будут простаивать большую часть сухого сезона, и называют предельной цифру в 400 кубометров. Замерять сток стороны договорились у границы, где расположен Кессельский гидропост.",
    "«Мы не уедем из Тарвика без цифры на бумаге», — заявил журналистам глава делегации Селории Томас Эллинг.",
    "Глава делегации Марении Ирина Волкова сказала, что её команда готова работать всю ночь. По данным источников, генеральный секретарь МКРБ Хелена Странд готовит компромиссное предложение. Заключительное заседание назначено на среду.",
]


def jsonl_10() -> str:
    records = [
        {
            "title": FR_TITLE,
            "text": french_spacing("\n\n".join(FR_BODY)),
            "url": "https://courrier-fluvial.example/monde/2025/03/12/lunava-accord-tarvik",
            "published": "2025-03-12",
            "source": "Le Courrier fluvial",
            "lang": "fr",
        },
        {
            "title": "New eyeless beetle species found in the caves of Mount Orrin",
            "text": "\n\n".join(BEETLE_BODY),
            "url": "https://science-ledger.example/2025/03/11/orrin-cave-beetle",
            "published": "2025-03-11T09:00:00Z",
            "source": "Science Ledger",
            "lang": "en",
        },
        {
            "title": "Dam talks open in Tarvik as Seloria seeks a written flow guarantee",
            "text": "\n\n".join(OPENING_BODY),
            "url": "https://coastline-wire.example/2025/03/10/tarvik-dam-talks-open",
            "published": "2025-03-10T16:20:00Z",
            "source": "Coastline Wire Service",
            "lang": "en",
        },
        {
            "title": "Переговоры по Лунаве в Тарвике зашли в тупик из-за цифры стока",
            "text": "\n\n".join(DEADLOCK_BODY),
            "url": "https://prirechye-news.example/2025/03/11/tarvik-tupik",
            "published": "2025-03-11T21:00:00+03:00",
            "source": "Новости Приречья",
            "lang": "ru",
        },
    ]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --- 11: an RSS 2.0 feed of three short items --------------------------------------------

FEED_ITEMS = [
    {
        "title": "Marenia and Seloria sign Lunava flow deal in Tarvik",
        "link": "https://northern-meridian.example/world/2025/03/12/tarvik-lunava-flow-deal",
        "pubDate": "Wed, 12 Mar 2025 18:40:00 +0000",
        "paras": [
            "Marenia and Seloria signed a joint statement in Tarvik on Wednesday guaranteeing a minimum flow of 450 cubic metres per second on the Lunava River while the Upper Lunava Dam reservoir fills.",
            "The deal, brokered by the International River Basin Commission after three days of talks, extends the filling period to five years. A commission monitoring mission will start work at the dam on 1 April.",
        ],
    },
    {
        "title": "Eyeless cave beetle from Mount Orrin goes on display",
        "link": "https://northern-meridian.example/science/2025/03/14/orrin-beetle-exhibit",
        "pubDate": "Fri, 14 Mar 2025 10:05:00 +0000",
        "paras": [
            "The Vesk Natural History Institute has put the first specimens of Troglorrinus pallidus, the eyeless beetle found beneath Mount Orrin, on public display.",
            "Elsa Brandt, who led the team that described the species, said the exhibit would also explain why the caves need protecting during the spring floods.",
        ],
    },
    {
        "title": "Arvena talks end without a deal on Lunava flows",
        "link": "https://northern-meridian.example/world/2024/11/18/arvena-talks-end-without-deal",
        "pubDate": "Mon, 18 Nov 2024 22:10:00 +0000",
        "paras": [
            "The first round of talks between Marenia and Seloria on the Upper Lunava Dam ended in Arvena on Monday without agreement, after nine hours in which Marenia declined to commit to any minimum flow in writing.",
            "Seloria's negotiator, Tomas Elling, said his delegation had come with numbers but heard only principles. The International River Basin Commission offered to host the next round in Tarvik.",
        ],
    },
]


def rss_11() -> str:
    items = []
    for it in FEED_ITEMS:
        desc = "".join(f"<p>{esc(p)}</p>" for p in it["paras"])
        items.append(
            f"""    <item>
      <title>{esc(it["title"])}</title>
      <link>{it["link"]}</link>
      <guid isPermaLink="true">{it["link"]}</guid>
      <pubDate>{it["pubDate"]}</pubDate>
      <dc:creator>Northern Meridian</dc:creator>
      <description><![CDATA[{desc}]]></description>
    </item>"""
        )
    joined = "\n".join(items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Northern Meridian</title>
    <link>https://northern-meridian.example/</link>
    <description>Latest stories from Northern Meridian</description>
    <language>en</language>
    <lastBuildDate>Fri, 14 Mar 2025 10:05:00 +0000</lastBuildDate>
{joined}
  </channel>
</rss>
"""


# --- the corpus: file name -> (encoding, text) -------------------------------------------


def corpus() -> dict[str, tuple[str, str]]:
    """Every corpus file with the encoding it is written in (declared in EXPECTED.json)."""
    return {
        "01_northern_meridian_tarvik_deal.html": ("utf-8", page_01()),
        "02_tarvik_deal_ru_translation.txt": ("cp1251", text_02()),
        "03_global_rivers_herald_bilingual.txt": ("utf-8", text_03()),
        "04_global_rivers_herald_en.txt": ("utf-8-sig", text_04()),
        "05_arvena_round_hant.txt": ("big5", text_05()),
        "06_east_bank_news_hans.txt": ("gb18030", text_06()),
        "07_riverline_mt_zh_then_en.txt": ("utf-8", text_07()),
        "08_hydropolitics_ru_en.txt": ("koi8-r", text_08()),
        "09_courrier_fluvial_fr.txt": ("cp1252", french_spacing(text_09())),
        "10_wire.jsonl": ("utf-8", jsonl_10()),
        "11_northern_meridian_feed.rss": ("utf-8", rss_11()),
    }


def write(out_dir: Path) -> list[Path]:
    """Write every corpus file into ``out_dir``; strict encoding, so a character the
    target encoding lacks fails here rather than turning into '?' in the demo."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (encoding, text) in corpus().items():
        path = out_dir / name
        path.write_bytes(text.encode(encoding, errors="strict"))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else CORPUS
    for path in write(out_dir):
        print(f"{path.stat().st_size:7d}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
