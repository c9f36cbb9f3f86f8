// Seed tables for the generated Western and Chinese patent drug catalog (1301). A line is
// "name|pinyin initials|ATC-like class|form:spec,spec;form:spec". Invented demo data in the shape
// of the national list; nothing here is a real registration.

export interface DosageForm {
  code: string;
  name: string;
  /** Generic-name suffix ("胶囊") or prefix ("注射用") when it starts with "^". */
  affix: string;
  unit: string;
  packUnit: string;
  packs: number[];
  route: string;
}

export const FORMS: Record<string, DosageForm> = {
  A001: { code: 'A001', name: '片剂', affix: '片', unit: '片', packUnit: '盒', packs: [12, 24, 36, 48, 100], route: '口服' },
  A010: { code: 'A010', name: '缓释片', affix: '缓释片', unit: '片', packUnit: '盒', packs: [7, 14, 28], route: '口服' },
  A020: { code: 'A020', name: '肠溶片', affix: '肠溶片', unit: '片', packUnit: '盒', packs: [14, 28, 56], route: '口服' },
  A030: { code: 'A030', name: '分散片', affix: '分散片', unit: '片', packUnit: '盒', packs: [12, 24], route: '口服' },
  E001: { code: 'E001', name: '胶囊剂', affix: '胶囊', unit: '粒', packUnit: '盒', packs: [10, 12, 24, 36, 48], route: '口服' },
  E010: { code: 'E010', name: '缓释胶囊', affix: '缓释胶囊', unit: '粒', packUnit: '盒', packs: [10, 20, 24], route: '口服' },
  E020: { code: 'E020', name: '肠溶胶囊', affix: '肠溶胶囊', unit: '粒', packUnit: '盒', packs: [7, 14, 28], route: '口服' },
  B001: { code: 'B001', name: '注射剂', affix: '^注射用', unit: '支', packUnit: '盒', packs: [1, 5, 10], route: '静脉滴注' },
  B002: { code: 'B002', name: '注射剂', affix: '注射液', unit: '支', packUnit: '盒', packs: [1, 5, 10], route: '静脉注射' },
  P001: { code: 'P001', name: '颗粒剂', affix: '颗粒', unit: '袋', packUnit: '盒', packs: [6, 9, 10, 12], route: '口服' },
  P002: { code: 'P002', name: '散剂', affix: '散', unit: '袋', packUnit: '盒', packs: [6, 10, 12], route: '口服' },
  L001: { code: 'L001', name: '口服溶液剂', affix: '口服溶液', unit: '瓶', packUnit: '瓶', packs: [1], route: '口服' },
  L002: { code: 'L002', name: '糖浆剂', affix: '糖浆', unit: '瓶', packUnit: '瓶', packs: [1], route: '口服' },
  S001: { code: 'S001', name: '软膏剂', affix: '软膏', unit: '支', packUnit: '支', packs: [1], route: '外用' },
  S002: { code: 'S002', name: '乳膏剂', affix: '乳膏', unit: '支', packUnit: '支', packs: [1], route: '外用' },
  Y001: { code: 'Y001', name: '滴眼剂', affix: '滴眼液', unit: '支', packUnit: '支', packs: [1], route: '滴眼' },
  J001: { code: 'J001', name: '吸入剂', affix: '吸入气雾剂', unit: '瓶', packUnit: '瓶', packs: [1], route: '吸入' },
  M001: { code: 'M001', name: '栓剂', affix: '栓', unit: '粒', packUnit: '盒', packs: [6, 10], route: '直肠给药' },
  D001: { code: 'D001', name: '丸剂', affix: '丸', unit: '丸', packUnit: '瓶', packs: [30, 60, 180], route: '口服' },
  D002: { code: 'D002', name: '滴丸剂', affix: '滴丸', unit: '丸', packUnit: '瓶', packs: [27, 150, 180], route: '口服' },
  L010: { code: 'L010', name: '合剂', affix: '口服液', unit: '支', packUnit: '盒', packs: [6, 10, 12], route: '口服' },
};

export const WESTERN = `
阿莫西林|AMXL|J01CA|E001:0.25g,0.5g;A030:0.25g;P001:0.125g
头孢氨苄|TBAB|J01DB|E001:0.125g,0.25g;P001:50mg
头孢拉定|TBLD|J01DB|E001:0.25g,0.5g;B001:0.5g,1.0g
头孢呋辛酯|TBFXZ|J01DC|A001:0.125g,0.25g
头孢克肟|TBKW|J01DD|E001:50mg,100mg;P001:50mg
头孢曲松钠|TBQSN|J01DD|B001:0.5g,1.0g,2.0g
头孢唑林钠|TBZLN|J01DB|B001:0.5g,1.0g
阿奇霉素|AQMS|J01FA|A001:0.25g;E001:0.25g;P001:0.1g;B001:0.25g,0.5g
罗红霉素|LHMS|J01FA|A001:150mg;E001:150mg
克拉霉素|KLMS|J01FA|A001:0.25g;E001:0.125g
左氧氟沙星|ZYFSX|J01MA|A001:0.1g,0.5g;B002:0.3g,0.5g
莫西沙星|MXSX|J01MA|A001:0.4g;B002:0.4g
诺氟沙星|NFSX|J01MA|E001:0.1g
甲硝唑|JXZ|J01XD|A001:0.2g;B002:0.5g
替硝唑|TXZ|J01XD|A001:0.5g;B002:0.4g
青霉素钠|QMSN|J01CE|B001:80万单位,160万单位
阿莫西林克拉维酸钾|AMXLKLWSJ|J01CR|A001:0.375g,0.625g;P001:0.15625g;B001:1.2g
布洛芬|BLF|M01AE|A001:0.1g,0.2g;E010:0.3g;L001:100ml:2g
双氯芬酸钠|SLFSN|M01AB|A020:25mg;E010:50mg;S002:20g:0.2g
对乙酰氨基酚|DYXAJF|N02BE|A001:0.3g,0.5g;P001:0.1g;L001:100ml:3.2g
塞来昔布|SLXB|M01AH|E001:0.2g
美洛昔康|MLXK|M01AC|A001:7.5mg
氨氯地平|ALDP|C08CA|A001:5mg,10mg
硝苯地平|XBDP|C08CA|A010:10mg,20mg,30mg;A001:10mg
非洛地平|FLDP|C08CA|A010:2.5mg,5mg
卡托普利|KTPL|C09AA|A001:12.5mg,25mg
依那普利|YNPL|C09AA|A001:5mg,10mg
贝那普利|BNPL|C09AA|A001:10mg
缬沙坦|XST|C09CA|E001:80mg,160mg;A001:80mg
厄贝沙坦|EBST|C09CA|A001:75mg,150mg
氯沙坦钾|LSTJ|C09CA|A001:50mg,100mg
替米沙坦|TMST|C09CA|A001:40mg,80mg
美托洛尔|MTLE|C07AB|A001:25mg,50mg;A010:47.5mg
比索洛尔|BSLE|C07AB|A001:2.5mg,5mg
氢氯噻嗪|QLSQ|C03AA|A001:25mg
吲达帕胺|YDPA|C03BA|A001:2.5mg;A010:1.5mg
螺内酯|LNZ|C03DA|A001:20mg
呋塞米|FSM|C03CA|A001:20mg;B002:20mg
阿托伐他汀钙|ATFTTG|C10AA|A001:10mg,20mg
瑞舒伐他汀钙|RSFTTG|C10AA|A001:5mg,10mg
辛伐他汀|XFTT|C10AA|A001:20mg,40mg
阿司匹林|ASPL|B01AC|A020:25mg,100mg
氯吡格雷|LBGL|B01AC|A001:25mg,75mg
华法林钠|HFLN|B01AA|A001:2.5mg,3mg
单硝酸异山梨酯|DXSYSLZ|C01DA|A001:20mg;A010:40mg,60mg
硝酸甘油|XSGY|C01DA|A001:0.5mg;B002:5mg
地高辛|DGX|C01AA|A001:0.25mg
二甲双胍|EJSG|A10BA|A001:0.25g,0.5g;A010:0.5g
格列美脲|GLMN|A10BB|A001:1mg,2mg
格列齐特|GLQT|A10BB|A010:30mg;A001:80mg
阿卡波糖|AKBT|A10BF|A001:50mg,100mg
瑞格列奈|RGLN|A10BX|A001:0.5mg,1mg
西格列汀|XGLT|A10BH|A001:100mg
胰岛素|YDS|A10AB|B002:3ml:300单位,10ml:400单位
奥美拉唑|AMLZ|A02BC|E020:10mg,20mg;B001:40mg
兰索拉唑|LSLZ|A02BC|E020:15mg,30mg;B001:30mg
泮托拉唑钠|PTLZN|A02BC|A020:40mg;B001:40mg
雷贝拉唑钠|LBLZN|A02BC|A020:10mg,20mg
法莫替丁|FMTD|A02BA|A001:20mg;B002:20mg
铝碳酸镁|LTSM|A02AD|A001:0.5g
多潘立酮|DPLT|A03FA|A001:10mg
莫沙必利|MSBL|A03FA|A001:5mg
蒙脱石|MTS|A07BC|P002:3g
双歧杆菌三联活菌|SQGJSLHJ|A07FA|E001:210mg
乳果糖|RGT|A06AD|L001:100ml:66.7g
复方甘草|FFGC|R05DA|A001:复方;L001:100ml
氨溴索|AXS|R05CB|A001:30mg;B002:15mg;L001:100ml:0.6g
盐酸溴己新|YSXJX|R05CB|A001:8mg;B002:4mg
乙酰半胱氨酸|YXBGAS|R05CB|P001:0.1g,0.2g;A030:0.2g
右美沙芬|YMSF|R05DA|A001:15mg;L002:100ml:0.15g
孟鲁司特钠|MLSTN|R03DC|A001:10mg;P001:4mg
沙丁胺醇|SDAC|R03AC|A001:2mg;J001:100μg
布地奈德|BDND|R03BA|J001:200μg
氨茶碱|ACJ|R03DA|A001:0.1g;B002:0.25g
氯雷他定|LLTD|R06AX|A001:10mg
西替利嗪|XTLQ|R06AE|A001:10mg
马来酸氯苯那敏|MLSLBNM|R06AB|A001:4mg
地塞米松磷酸钠|DSMSLSN|H02AB|B002:1ml:5mg;A001:0.75mg
泼尼松|PNS|H02AB|A001:5mg
甲泼尼龙|JPNL|H02AB|A001:4mg;B001:40mg
左甲状腺素钠|ZJZXSN|H03AA|A001:50μg
甲巯咪唑|JQMZ|H03BB|A001:5mg,10mg
维生素B1|WSSB1|A11DA|A001:10mg;B002:2ml:100mg
维生素B6|WSSB6|A11HA|A001:10mg;B002:2ml:0.1g
维生素C|WSSC|A11GA|A001:0.1g;B002:2ml:0.5g
叶酸|YS|B03BB|A001:0.4mg,5mg
硫酸亚铁|LSYT|B03AA|A001:0.3g;A010:0.45g
碳酸钙|TSG|A12AA|A001:0.5g;P001:1.5g
氯化钾|LHJ|A12BA|A010:0.5g;B002:10ml:1.5g
氯化钠|LHN|B05XA|B002:100ml:0.9g,250ml:2.25g,500ml:4.5g
葡萄糖|PTT|B05BA|B002:250ml:12.5g,500ml:25g,20ml:10g
葡萄糖氯化钠|PTTLHN|B05BB|B002:250ml,500ml
复方氯化钠|FFLHN|B05BB|B002:500ml
碳酸氢钠|TSQN|B05XA|A001:0.5g;B002:10ml:0.5g
利多卡因|LDKY|N01BB|B002:5ml:0.1g
地西泮|DXP|N05BA|A001:2.5mg;B002:2ml:10mg
艾司唑仑|ASZL|N05CD|A001:1mg
阿普唑仑|APZL|N05BA|A001:0.4mg
舍曲林|SQL|N06AB|A001:50mg
帕罗西汀|PLXT|N06AB|A001:20mg
卡马西平|KMXP|N03AF|A001:0.1g,0.2g
丙戊酸钠|BWSN|N03AG|A010:0.5g;L001:300ml:12g
左旋多巴|ZXDB|N04BA|A001:0.25g
甲钴胺|JGA|B03BA|A001:0.5mg;B002:0.5mg
维生素B12|WSSB12|B03BA|B002:1ml:0.5mg
山莨菪碱|SLDJ|A03BA|A001:5mg;B002:1ml:10mg
阿托品|ATP|A03BA|B002:1ml:0.5mg
甲氧氯普胺|JYLPA|A03FA|A001:5mg;B002:1ml:10mg
昂丹司琼|ADSQ|A04AA|A001:4mg;B002:2ml:4mg
肝素钠|GSN|B01AB|B002:2ml:12500单位
酚磺乙胺|FHYA|B02BX|B002:2ml:0.5g
氨甲环酸|AJHS|B02AA|A001:0.25g;B002:5ml:0.5g
阿昔洛韦|AXLW|J05AB|A001:0.1g,0.2g;S002:10g:0.3g;B001:0.25g
奥司他韦|ASTW|J05AH|E001:75mg;P001:15mg
利巴韦林|LBWL|J05AB|A001:0.1g;P001:50mg;B002:1ml:0.1g
氟康唑|FKZ|J02AC|E001:50mg,150mg
克霉唑|KMZ|D01AC|S002:10g:0.1g
莫匹罗星|MPLX|D06AX|S001:5g:0.1g
红霉素|HMS|D06AX|S001:10g:0.1g;A020:0.125g
妥布霉素|TBMS|S01AA|Y001:5ml:15mg
氧氟沙星|YFSX|S01AE|Y001:5ml:15mg
玻璃酸钠|BLSN|S01XA|Y001:5ml:5mg
人工泪液|RGLY|S01XA|Y001:10ml
坦索罗辛|TSLX|G04CA|E010:0.2mg
非那雄胺|FNXA|G04CB|A001:5mg
别嘌醇|BPC|M04AA|A001:0.1g
秋水仙碱|QSXJ|M04AC|A001:0.5mg
骨化三醇|GHSC|A11CC|E001:0.25μg
阿法骨化醇|AFGHC|A11CC|A001:0.25μg
碳酸钙D3|TSGD3|A12AX|A001:0.5g;P001:1g
开塞露|KSL|A06AX|L001:20ml
聚乙二醇4000|JYECSQ|A06AD|P002:10g
`;

export const PATENT = `
连花清瘟|LHQW|A01BA|E001:0.35g;P001:6g;A001:0.35g
复方丹参|FFDS|A12EA|D002:27mg;A001:0.32g
血栓通|XST|A12GB|B002:2ml:70mg;B001:150mg
板蓝根|BLG|A01AB|P001:5g,10g
感冒清热|GMQR|A01AA|P001:12g
小柴胡|XCH|A01CA|P001:10g;A001:0.4g
双黄连|SHL|A01BA|L010:10ml;P001:5g
蒲地蓝消炎|PDLXY|A01BA|A001:0.3g;L010:10ml
银黄|YH|A01BA|P001:4g;E001:0.3g
藿香正气|HXZQ|A04AA|L010:10ml;D001:6g;E001:0.3g
六味地黄|LWDH|A16AA|D001:9g;E001:0.3g
逍遥|XY|A13AA|D001:9g;P001:15g
通心络|TXL|A12EA|E001:0.26g
麝香保心|SXBX|A12EA|D001:22.5mg
速效救心|SXJX|A12EA|D002:40mg
脑心通|NXT|A12EA|E001:0.4g
丹参|DS|A12EA|A001:0.3g;B002:10ml
银杏叶|YXY|A12EA|A001:9.6mg;L010:10ml
稳心|WX|A12DA|P001:9g
消渴|XK|A17AA|D001:0.25g
参芪降糖|QQJT|A17AA|E001:0.35g
金匮肾气|JKSQ|A16AA|D001:6g
补中益气|BZYQ|A14AA|D001:6g;P001:3g
香砂养胃|XSYW|A04AB|D001:9g;P001:5g
健胃消食|JWXS|A04AB|A001:0.8g
气滞胃痛|QZWT|A04AB|P001:5g;A001:0.5g
三九胃泰|SJWT|A04AB|P001:20g;E001:0.5g
复方黄连素|FFHLS|A05AA|A001:30mg
通便灵|TBL|A06AA|E001:0.25g
急支|JZ|A02AA|L002:100ml
强力枇杷|QLPP|A02AA|L002:100ml;L010:10ml
蛇胆川贝|SDCB|A02AA|L010:10ml;P002:0.3g
清开灵|QKL|A01BA|E001:0.25g;B002:2ml;P001:3g
云南白药|YNBY|A11AB|E001:0.25g
活血止痛|HXZT|A11AB|E001:0.25g
颈复康|JFK|A11BA|P001:5g
骨刺消痛|GCXT|A11BA|A001:0.3g
麝香壮骨|SXZG|A11AB|S001:7cm×10cm
复方血栓通|FFXST|A12EA|E001:0.5g
生脉|SM|A12AB|L010:10ml;B002:10ml
参麦|SM|A12AB|B002:20ml,50ml
黄芪|HQ|A14AB|P001:15g;B002:10ml
归脾|GP|A14CA|D001:9g
乌鸡白凤|WJBF|A18AA|D001:9g
益母草|YMC|A18AB|P001:15g;L010:10ml
妇科千金|FKQJ|A18BA|A001:0.32g
前列舒通|QLST|A16BA|E001:0.4g
癃闭舒|LBS|A16BA|E001:0.3g
排石|PS|A16CA|P001:20g
`;

/** Invented manufacturer name parts (place + brand word + kind), combined by seed. */
export const MAKER_PLACES = '山东|淄博|济南|青岛|潍坊|临沂|江苏|南京|苏州|浙江|杭州|安徽|合肥|滁州|河北|石家庄|河南|郑州|湖北|武汉|湖南|长沙|广东|广州|四川|成都|重庆|陕西|西安|吉林|长春|辽宁|沈阳|黑龙江|哈尔滨|山西|太原|江西|南昌|云南|昆明|贵州|贵阳|广西|南宁|海南|天津|北京|上海|福建|厦门'.split('|');
export const MAKER_WORDS = '康华|新华|仁和|华康|鲁康|齐鲁|瑞康|恒生|金石|宏源|华信|益民|永康|天和|泰康|福瑞|民生|正大|中和|同济|九州|东方|光明|长江|方圆|百草|汇仁|信谊|立信|健民|惠康|金城|华宇|安泰|博源|众生|普济|德康|康恩|海正'.split('|');
export const MAKER_KINDS = ['制药有限公司', '药业有限公司', '药业股份有限公司', '制药股份有限公司', '制药厂', '生物制药有限公司'];
export const BRAND_WORDS = '安|康|益|宁|欣|倍|优|力|立|达|舒|佳|福|泰|瑞|恒|通|畅|清|平|维|特|诺|必|克|信|乐|美|新|达'.split('|');
