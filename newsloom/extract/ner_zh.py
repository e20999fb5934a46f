"""Chinese names with jieba's part-of-speech tagger and a few general rules.

jieba tags ``nr`` (person), ``ns`` (place) and ``nt`` (organisation) from its
dictionary and HMM, which misses what news needs most:

* transliterated foreign names come out in pieces (里亚布 | 科夫) and are
  often left untagged: a run of characters typical of transliteration
  (Xinhua's transliteration table), or of name-tagged pieces joined by a
  middle dot (弗拉基米尔·普京), is merged into one name;
* countries are sometimes tagged as people (乌克兰 ``nr``) and foreign
  leaders as places (普京 ``ns``): a list of countries and regions decides
  for places, and the context decides for people (a title before the name,
  a verb of saying after it);
* organisations are rarely tagged: a noun phrase ending in an organisation
  word (委员会, 组织, 大学, 外交部 ...) and a short list of well-known
  abbreviations (北约, 欧盟, 联合国) make one.

The text must be Simplified Chinese (the caller converts), so the lists are
written once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from newsloom.extract import zh_pos


class Found(NamedTuple):
    """One name found in a text: character offsets, type and normalised name."""

    start: int
    end: int
    type: str
    name: str


def _words(text: str) -> set[str]:
    return set(text.split())


# Characters of Xinhua's transliteration tables that make up foreign names.
_TRANSLIT = set(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜多厄恩尔法凡菲芬费夫弗"
    "伏福富盖甘冈戈格根贡古瓜圭哈海汉豪赫亨洪胡华怀霍基吉加贾简杰捷金久卡凯坎康考柯科克肯孔库夸"
    "奎昆拉莱赖兰朗劳勒雷蕾里丽利莉连列林琳留柳隆卢鲁路伦罗洛吕马玛迈麦曼芒梅门蒙米明缪莫墨默姆"
    "穆纳娜奈南瑙内妮尼宁纽努诺欧帕派潘庞培佩彭皮珀普奇齐契恰乔切钦琴琼丘萨塞赛桑瑟森沙莎尚绍舍"
    "申什施舒斯思松苏索塔泰坦汤唐陶特提廷图托瓦娃万旺威韦维魏温文翁沃乌伍武西希锡席夏谢辛欣休修"
    "雅亚娅扬耶叶伊依因英尤约泽扎詹兹佐京龙登默"
)
_DOTS = "·•‧・･∙"
# Tags jieba gives names (its dictionary also has nrt/nrfg for foreign names).
_NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt"}
# Words jieba's dictionary tags ns that are common nouns, not names.
_NOT_PLACES = _words(
    "两国 各国 全国 国内 国外 海外 境外 沿海 边境 当地 各地 本地 外地 内地 山区 河水 大坝 "
    "三角洲 上游 下游 流域 地区 城市 农村 郊区 市区 北部 南部 东部 西部 中部 东方 西方 南方 "
    "北方 首都 中央 世界 国际 大陆"
)
# Characters that jieba's HMM glues to the front of a name (和塞 | 洛里亚).
_FUNCTION_CHARS = set("和与及在但向对将由被把从同跟为是于")
# Common surnames: a two- or three-character nr token that starts with none of
# these and is not a transliteration is one of jieba's HMM guesses (北约|东扩).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习"
)
_TITLES = sorted(
    _words(
        "总统 副总统 总理 副总理 首相 主席 副主席 外长 副外长 外交部长 部长 副部长 国务卿 "
        "副国务卿 大使 发言人 秘书长 副秘书长 议长 国王 女王 王子 总书记 委员长 司令 将军 局长 "
        "主任 教授 博士 记者 先生 女士 夫人 总裁 董事长 首席 代表 特使 特别代表 市长 州长 省长 "
        "书记 参议员 议员 团长 会长 所长 院长 经理"
    )
)
_SAYING = _words(
    "表示 说 称 指出 强调 认为 透露 宣布 回应 补充 坦言 警告 呼吁 提出 承认 告诉 说道 写道"
)
_COUNTRIES = _words(
    "中国 美国 俄罗斯 俄国 英国 法国 德国 日本 韩国 朝鲜 印度 巴基斯坦 阿富汗 伊朗 伊拉克 "
    "叙利亚 以色列 巴勒斯坦 约旦 黎巴嫩 沙特 沙特阿拉伯 也门 阿曼 卡塔尔 科威特 巴林 阿联酋 "
    "土耳其 埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 苏丹 南苏丹 埃塞俄比亚 索马里 肯尼亚 坦桑尼亚 "
    "乌干达 卢旺达 刚果 尼日利亚 加纳 南非 津巴布韦 安哥拉 莫桑比克 马里 尼日尔 乍得 喀麦隆 "
    "塞内加尔 乌克兰 白俄罗斯 波兰 立陶宛 拉脱维亚 爱沙尼亚 芬兰 瑞典 挪威 丹麦 冰岛 爱尔兰 "
    "荷兰 比利时 卢森堡 瑞士 奥地利 意大利 西班牙 葡萄牙 希腊 塞浦路斯 马耳他 捷克 斯洛伐克 "
    "匈牙利 罗马尼亚 保加利亚 塞尔维亚 克罗地亚 斯洛文尼亚 波黑 黑山 北马其顿 马其顿 "
    "阿尔巴尼亚 科索沃 摩尔多瓦 格鲁吉亚 亚美尼亚 阿塞拜疆 哈萨克斯坦 乌兹别克斯坦 "
    "吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 蒙古 越南 老挝 柬埔寨 泰国 缅甸 马来西亚 新加坡 "
    "印度尼西亚 印尼 菲律宾 文莱 东帝汶 孟加拉国 斯里兰卡 尼泊尔 不丹 马尔代夫 澳大利亚 新西兰 "
    "加拿大 墨西哥 古巴 委内瑞拉 哥伦比亚 巴西 阿根廷 智利 秘鲁 玻利维亚 厄瓜多尔 乌拉圭 "
    "巴拉圭 巴拿马 尼加拉瓜 危地马拉 洪都拉斯 萨尔瓦多 哥斯达黎加 海地 牙买加 多米尼加 台湾 "
    "香港 澳门 欧洲 亚洲 非洲 美洲 北美 南美 拉美 大洋洲 中东 中亚 东欧 西欧 北欧 南欧 中欧 "
    "东亚 南亚 东南亚 西亚 北非 巴尔干 高加索 波罗的海 克里米亚 顿巴斯 北极 南极 大西洋 太平洋 "
    "印度洋 地中海 黑海 红海 加沙 约旦河西岸"
)
# Organisations usually written as an abbreviation that no suffix gives away.
_ORG_NAMES = _words(
    "北约 欧盟 联合国 东盟 欧安组织 世卫组织 世贸组织 上合组织 安理会 联大 国际原子能机构 "
    "国际货币基金组织 世界银行 红十字会 新华社 中新社 路透社 美联社 法新社 塔斯社 白宫 "
    "五角大楼 克里姆林宫 国务院 全国人大 人大 政协 全国政协 中共中央 欧佩克 二十国集团 七国集团"
)
# Words that end an organisation's name (the longest match wins).
_ORG_SUFFIXES = tuple(
    sorted(
        _words(
            "部 组织 委员会 大学 学院 研究所 研究院 研究中心 协会 联盟 理事会 公司 集团 银行 "
            "议会 政府 法院 检察院 社 局 署 委 党 基金会 中心 机构 办公室 联合会 科学院 军 "
            "舰队 代表团 外交部 国防部 国务院 使馆 大使馆 领事馆 电视台 通讯社 报社 日报 时报 "
            "学会 俱乐部"
        ),
        key=len,
        reverse=True,
    )
)
# A transliterated name followed by one of these characters is a place (卢纳瓦河); jieba
# often glues the character to the next word (河水), so it is cut off that word.
_PLACE_CHARS = set("河江湖岛山州省峡湾")
# ... and one followed by a word ending like these is a facility (凯塞尔水文站).
_FACILITY_ENDS = ("站", "坝", "机场", "港", "桥", "广场", "大街")
# Words before a name that make it a place (在日内瓦说: 日内瓦 is not a speaker).
_PLACE_BEFORE = _words("在 于 到 从 前往 抵达 访问 来自 位于 飞抵 赴")
# Tags of the words an organisation's name is made of (nouns, names, adjectives).
_ORG_PART_TAGS = {
    "n",
    "ns",
    "nt",
    "nz",
    "nr",
    "nrt",
    "nrfg",
    "vn",
    "an",
    "j",
    "b",
    "eng",
    "l",
    "nl",
}
_JOINERS = {"与", "和"}


@lru_cache(maxsize=1)
def _posseg() -> tuple[Any, dict[str, int]]:
    """jieba's tagger (its HMM decoded by :mod:`newsloom.extract.zh_pos`) and word counts."""
    tagger = zh_pos.tagger()
    return tagger, tagger.tokenizer.FREQ


def _is_translit(word: str) -> bool:
    return all(ch in _TRANSLIT or ch in _DOTS for ch in word)


def tag_chinese_batch(texts: list[str]) -> list[list[Found]]:
    """:func:`tag_chinese` over the texts of one document, one type per person.

    A name that a title or a verb of saying shows to be a person (总统普京,
    普京表示) is a person in every text of the batch, although jieba's
    dictionary calls it a place elsewhere.
    """
    people: set[str] = set()
    found = [tag_chinese(t, people) for t in texts]
    return [
        [f._replace(type="PER") if f.name in people and f.type == "LOC" else f for f in fs]
        for fs in found
    ]


def tag_chinese(text: str, people: set[str] | None = None) -> list[Found]:
    """Person, place and organisation names in Simplified Chinese ``text``.

    Example:
        >>> [f.name for f in tag_chinese("俄副外长里亚布科夫在日内瓦说，乌克兰问题是焦点。")]
        ['里亚布科夫', '日内瓦', '乌克兰']

    ``people`` collects the names typed PER by their context (see
    :func:`tag_chinese_batch`).
    """
    posseg, freq = _posseg()
    words: list[str] = []
    tags: list[str] = []
    for pair in posseg.cut(text):
        words.append(pair.word)
        tags.append(pair.flag)
    starts = [0]
    for w in words:
        starts.append(starts[-1] + len(w))
    if starts[-1] != len(text):  # jieba dropped or changed characters: find words one by one
        starts, pos = [], 0
        for w in words:
            pos = text.find(w, pos)
            starts.append(max(pos, 0))
            pos += len(w)
        starts.append(len(text))
    found: list[Found] = []
    i, n = 0, len(words)
    while i < n:
        org = _organisation(words, tags, i)
        if org > i:
            name = "".join(words[i:org])
            found.append(Found(starts[i], starts[org], "ORG", name))
            i = org
            continue
        j = _name_run(words, tags, freq, i)
        if j == i:
            i += 1
            continue
        kind, end = _classify(words, tags, i, j)
        start = starts[i]
        if kind and text[start] in _FUNCTION_CHARS and starts[j] - start > 2 and tags[i] != "ns":
            start += 1
        if kind:
            stop = starts[end]
            if (
                kind == "LOC"
                and end < n
                and words[end][:1] in _PLACE_CHARS
                and _is_translit("".join(words[i:end]))
            ):
                stop += 1
            name = _normal(text[start:stop])
            if kind == "PER!":
                kind = "PER"
                if people is not None:
                    people.add(name)
            found.append(Found(start, stop, kind, name))
            if stop > starts[end]:
                end += 1  # the rest of the word the place character was cut from
        i = max(j, end) if kind else j
    return found


def _name_run(words: list[str], tags: list[str], freq: dict[str, int], i: int) -> int:
    """End (exclusive) of the run of name pieces that starts at word ``i``, or ``i``."""
    j = i
    n = len(words)
    while j < n:
        w, t = words[j], tags[j]
        if w in _COUNTRIES or w in _ORG_NAMES:
            if j == i:
                j += 1
            break
        piece = (
            t in _NAME_TAGS
            or (_is_translit(w) and (not freq.get(w) or t in {"nrt", "x"}) and w.strip(_DOTS))
            or (len(w) == 1 and w in _TRANSLIT and t not in {"p", "c", "u", "d", "r", "m", "q"})
        )
        if (
            w in _DOTS
            and j > i
            and j + 1 < n
            and (tags[j + 1] in _NAME_TAGS or _is_translit(words[j + 1]))
        ):
            j += 1
            continue
        if not piece or (w in _NOT_PLACES and t == "ns"):
            break
        if j > i and not _is_translit(w) and (t in {"ns", "nt"} or tags[j - 1] in {"ns", "nt"}):
            break  # two places in a row (中国北京) are two names; 河水 is no part of a name
        j += 1
    return j


def _classify(words: list[str], tags: list[str], i: int, j: int) -> tuple[str | None, int]:
    """The type of the name run ``words[i:j]`` and where it ends (a place suffix may extend it)."""
    text = "".join(words[i:j])
    run_tags = set(tags[i:j])
    before = words[i - 1] if i > 0 else ""
    after = words[j] if j < len(words) else ""
    if text in _ORG_NAMES:
        return "ORG", j
    if text in _COUNTRIES:
        return "LOC", j
    if _is_translit(text) and len(text) >= 2:
        if after[:1] in _PLACE_CHARS:
            return "LOC", j  # the caller adds the place character
        if len(after) >= 2 and after.endswith(_FACILITY_ENDS) and tags[j] in {"n", "ns"}:
            return "LOC", j + 1
    if before in _PLACE_BEFORE and not (run_tags & {"nr", "nrfg"} and j - i == 1):
        return "LOC", j
    titled = any(before.endswith(t) for t in _TITLES) or after in _SAYING
    if any(d in text for d in _DOTS):
        return "PER", j
    if titled and len(text) >= 2:
        return "PER!", j
    if run_tags & {"nr", "nrt", "nrfg"}:
        if j - i == 1 and tags[i] == "nr" and text[0] not in _SURNAMES and not _is_translit(text):
            return None, j  # an HMM guess such as 东扩
        if _is_translit(text) and text.endswith("亚") and len(text) >= 3:
            return "LOC", j  # Xinhua writes -ia places with 亚, women's names with 娅
        return "PER", j
    if "ns" in run_tags:
        return "LOC", j
    if "nt" in run_tags:
        return "ORG", j
    if len(text) >= 3 and _is_translit(text):
        return ("LOC" if text.endswith("亚") else "PER"), j
    return None, j


def _organisation(words: list[str], tags: list[str], i: int) -> int:
    """End of an organisation name starting at word ``i`` (ending in an org word), or ``i``."""
    if words[i] in _ORG_NAMES:
        return i + 1
    if tags[i] not in _ORG_PART_TAGS or words[i] in _JOINERS:
        return i
    has_name = False
    best = i
    j = i
    length = 0
    while j < len(words) and length <= 20:
        w, t = words[j], tags[j]
        if w in _JOINERS and j > i and j + 1 < len(words) and tags[j + 1] in _ORG_PART_TAGS:
            j += 1
            length += len(w)
            continue
        if t not in _ORG_PART_TAGS and not _org_word(w, t):
            break
        has_name = has_name or t in {"ns", "nt", "nz", "nr", "nrt", "j"} or w in _COUNTRIES
        length += len(w)
        j += 1
        if (
            _org_word(w, t)
            and (j - i >= 2 or t == "nt" or len(w) >= 3)
            and (has_name or j - i >= 3 or t == "nt")
        ):
            best = j
    return best


def _org_word(word: str, tag: str) -> bool:
    """True for a word that ends an organisation's name: 委员会, 外交部, but not 部署 or 北部."""
    if tag == "nt":
        return True
    if word in _ORG_SUFFIXES and len(word) > 1:
        return True  # 组织 is tagged a verb as often as a noun
    if tag not in {"n", "nz", "j", "ns"} or word in _NOT_PLACES:
        return False
    return any(
        word.endswith(suffix) and (len(suffix) > 1 or word == suffix or len(word) >= 3)
        for suffix in _ORG_SUFFIXES
    )


def _normal(name: str) -> str:
    """One middle dot for every dot variant; Simplified text is otherwise kept as written."""
    for d in _DOTS[1:]:
        name = name.replace(d, "·")
    return name
