#include "catalogseed.h"

#include "serverlog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace mall::server {

namespace {

struct SubCategory
{
    const char *name;
    const char *nameEn;
    QList<const char *> brands;  // 3
    QList<const char *> items;   // 3: what is sold
    QList<const char *> selling; // brief lines
    int minYuan;
    int maxYuan;
    const char *specName;
    QList<const char *> specValues;
};

struct TopCategory
{
    const char *name;
    const char *nameEn;
    QList<SubCategory> children;
};

// Nine aisles of three shelves each, nine goods a shelf: 243 goods.
const QList<TopCategory> &catalog()
{
    static const QList<TopCategory> aisles = {
        {"手机数码",
         "Phones & Digital",
         {{"手机",
           "Phones",
           {"星河", "远山", "青柠"},
           {"Pro 5G 智能手机", "轻薄拍照手机", "长续航游戏手机"},
           {"一亿像素主摄", "120Hz 高刷屏", "5000mAh 大电池"},
           1299,
           6999,
           "存储",
           {"128GB", "256GB", "512GB"}},
          {"耳机",
           "Headphones",
           {"声海", "听澜", "鹿鸣"},
           {"主动降噪耳机", "运动蓝牙耳机", "头戴式耳机"},
           {"40dB 深度降噪", "IPX5 防水", "30 小时续航"},
           99,
           1999,
           "颜色",
           {"曜石黑", "云雾白", "海盐蓝"}},
          {"智能手表",
           "Smartwatches",
           {"时光", "极客", "云迹"},
           {"运动智能手表", "健康手环", "儿童电话手表"},
           {"心率血氧监测", "14 天续航", "NFC 公交卡"},
           199,
           2999,
           "表带",
           {"氟橡胶", "编织", "皮革"}}}},
        {"电脑办公",
         "Computers & Office",
         {{"笔记本",
           "Laptops",
           {"锐思", "墨客", "北斗"},
           {"轻薄笔记本电脑", "高性能游戏本", "二合一平板电脑"},
           {"2.8K OLED 屏", "独立显卡", "1.2kg 轻薄机身"},
           3499,
           12999,
           "配置",
           {"16G+512G", "32G+1T", "16G+1T"}},
          {"键盘鼠标",
           "Keyboards & Mice",
           {"键侠", "灵犀", "指尖"},
           {"机械键盘", "无线静音鼠标", "键鼠套装"},
           {"热插拔轴体", "三模连接", "人体工学设计"},
           59,
           899,
           "轴体",
           {"红轴", "茶轴", "青轴"}},
          {"显示器",
           "Monitors",
           {"明视", "广域", "晶彩"},
           {"27 英寸 4K 显示器", "34 英寸带鱼屏", "便携显示器"},
           {"99% sRGB 色域", "Type-C 一线连", "165Hz 电竞"},
           699,
           4999,
           "尺寸",
           {"24 英寸", "27 英寸", "32 英寸"}}}},
        {"家用电器",
         "Home Appliances",
         {{"厨房电器",
           "Kitchen",
           {"小厨", "暖灶", "食光"},
           {"空气炸锅", "破壁料理机", "电饭煲"},
           {"一键智能菜单", "易清洗不粘涂层", "24 小时预约"},
           169,
           1299,
           "容量",
           {"3L", "4.5L", "6L"}},
          {"生活电器",
           "Household",
           {"净享", "清风", "家乐"},
           {"扫地机器人", "空气净化器", "无线吸尘器"},
           {"激光导航避障", "除甲醛 CADR 500", "大吸力长续航"},
           399,
           3999,
           "颜色",
           {"月光白", "深空灰"}},
          {"个护健康",
           "Personal Care",
           {"康宁", "悦己", "安适"},
           {"电动牙刷", "高速吹风机", "筋膜按摩枪"},
           {"声波清洁", "负离子护发", "四档力度"},
           89,
           1599,
           "颜色",
           {"樱花粉", "薄荷绿", "石墨黑"}}}},
        {"服饰鞋包",
         "Clothing & Bags",
         {{"男装",
           "Men",
           {"素朴", "行者", "简度"},
           {"纯棉短袖 T 恤", "休闲夹克", "直筒牛仔裤"},
           {"新疆长绒棉", "防风防泼水", "弹力舒适"},
           59,
           699,
           "尺码",
           {"M", "L", "XL", "XXL"}},
          {"女装",
           "Women",
           {"柔语", "初夏", "星语"},
           {"法式碎花连衣裙", "羊毛针织开衫", "高腰阔腿裤"},
           {"垂感雪纺", "温柔奶油色", "显瘦百搭"},
           79,
           899,
           "尺码",
           {"S", "M", "L"}},
          {"运动鞋",
           "Sneakers",
           {"疾风", "跃动", "轻尘"},
           {"缓震跑步鞋", "复古板鞋", "户外徒步鞋"},
           {"超临界发泡中底", "经典百搭", "防滑耐磨大底"},
           199,
           1299,
           "尺码",
           {"39", "40", "41", "42", "43"}}}},
        {"美妆个护",
         "Beauty",
         {{"护肤",
           "Skincare",
           {"润颜", "水光", "素肌"},
           {"玻尿酸精华液", "保湿面霜", "温和洁面乳"},
           {"深层补水", "修护屏障", "敏感肌可用"},
           69,
           899,
           "规格",
           {"30ml", "50ml", "100ml"}},
          {"彩妆",
           "Makeup",
           {"绯色", "浅笑", "花间"},
           {"丝绒哑光口红", "持妆粉底液", "九色眼影盘"},
           {"显白不拔干", "12 小时持妆", "细腻易晕染"},
           59,
           499,
           "色号",
           {"#01", "#02", "#03"}},
          {"香水",
           "Perfume",
           {"晨雾", "木语", "花信"},
           {"淡香水", "香氛礼盒", "车载香薰"},
           {"清新柑橘调", "木质东方调", "留香持久"},
           99,
           1299,
           "规格",
           {"30ml", "50ml", "100ml"}}}},
        {"食品生鲜",
         "Food & Fresh",
         {{"零食",
           "Snacks",
           {"三只小熊", "好食光", "馋嘴"},
           {"每日坚果", "手撕牛肉干", "海苔脆片"},
           {"独立小包装", "0 添加蔗糖", "办公室必备"},
           19,
           199,
           "规格",
           {"单盒", "三盒装", "礼盒装"}},
          {"茶饮",
           "Tea & Drinks",
           {"山茗", "茶语", "晨露"},
           {"明前龙井", "冷萃咖啡液", "花果茶"},
           {"高山原产", "即冲即饮", "果香浓郁"},
           29,
           599,
           "规格",
           {"100g", "250g", "500g"}},
          {"水果",
           "Fruit",
           {"果园", "鲜到家", "甜园"},
           {"赣南脐橙", "阳光玫瑰葡萄", "新疆阿克苏苹果"},
           {"产地直发", "冷链配送", "坏果包赔"},
           29,
           259,
           "重量",
           {"2.5kg", "5kg", "10kg"}}}},
        {"家居家装",
         "Home & Living",
         {{"床品",
           "Bedding",
           {"眠语", "棉田", "安睡"},
           {"纯棉四件套", "蚕丝被", "乳胶枕"},
           {"A 类婴童级", "桑蚕丝填充", "天然乳胶"},
           129,
           1999,
           "尺寸",
           {"1.5m", "1.8m", "2.0m"}},
          {"收纳",
           "Storage",
           {"整理家", "格物", "简收"},
           {"衣物收纳箱", "桌面收纳盒", "可折叠置物架"},
           {"大容量", "可叠放", "免安装"},
           19,
           299,
           "规格",
           {"小号", "中号", "大号"}},
          {"灯具",
           "Lighting",
           {"光影", "明月", "暖光"},
           {"护眼台灯", "吸顶灯", "氛围落地灯"},
           {"无频闪", "智能调光", "APP 控制"},
           59,
           1299,
           "色温",
           {"暖白", "自然光", "冷白"}}}},
        {"运动户外",
         "Sports & Outdoors",
         {{"健身",
           "Fitness",
           {"力量", "燃动", "塑形"},
           {"可调节哑铃", "瑜伽垫", "家用跑步机"},
           {"快速调重", "加厚防滑", "静音折叠"},
           49,
           4999,
           "规格",
           {"标准", "加强", "专业"}},
          {"露营",
           "Camping",
           {"野趣", "山野", "星空"},
           {"自动帐篷", "折叠露营椅", "户外保温杯"},
           {"3 秒速开", "承重 150kg", "12 小时保温"},
           39,
           1599,
           "颜色",
           {"军绿", "卡其", "深灰"}},
          {"骑行",
           "Cycling",
           {"追风", "轻骑", "环途"},
           {"碳纤维公路车", "骑行头盔", "山地自行车"},
           {"超轻车架", "一体成型", "27 速变速"},
           99,
           9999,
           "尺寸",
           {"S", "M", "L"}}}},
        {"图书文具",
         "Books & Stationery",
         {{"图书",
           "Books",
           {"新知", "文澜", "书香"},
           {"经典文学套装", "少儿科普绘本", "编程入门指南"},
           {"精装典藏", "全彩印刷", "附配套资源"},
           29,
           399,
           "版本",
           {"平装", "精装"}},
          {"文具",
           "Stationery",
           {"墨点", "简书", "得力手"},
           {"中性笔套装", "钢笔礼盒", "彩色铅笔"},
           {"顺滑速干", "德国笔尖", "72 色"},
           9,
           399,
           "规格",
           {"单支", "套装"}},
          {"手账",
           "Journals",
           {"纸上", "日常", "拾光"},
           {"手账本", "和纸胶带", "印章套装"},
           {"道林纸不洇墨", "复古花纹", "创意图案"},
           15,
           199,
           "款式",
           {"A5", "A6", "B6"}}}},
    };
    return aisles;
}

} // namespace

void seedCatalogIfEmpty(Database &database, qint64 now)
{
    if (database.scalar(QStringLiteral("SELECT COUNT(*) FROM goods")).toInt() > 0)
        return;
    // The same seed, the same mall, on every machine.
    QRandomGenerator random(20261121);
    Transaction transaction(database);
    int categoryId = 0;
    int goodsId = 0;
    int topSort = 0;
    QList<int> featured;
    for (const TopCategory &top : catalog()) {
        const int topId = ++categoryId;
        database.exec(
            QStringLiteral("INSERT INTO categories (id, name, name_en, parent_id, sort) "
                           "VALUES (?, ?, ?, NULL, ?)"),
            {topId, QString::fromUtf8(top.name), QString::fromUtf8(top.nameEn), ++topSort});
        int childSort = 0;
        for (const SubCategory &child : top.children) {
            const int childId = ++categoryId;
            database.exec(
                QStringLiteral("INSERT INTO categories (id, name, name_en, parent_id, sort) "
                               "VALUES (?, ?, ?, ?, ?)"),
                {childId, QString::fromUtf8(child.name), QString::fromUtf8(child.nameEn), topId,
                 ++childSort});
            for (int b = 0; b < child.brands.size(); ++b) {
                for (int i = 0; i < child.items.size(); ++i) {
                    ++goodsId;
                    const QString name = QString::fromUtf8(child.brands[b]) + QLatin1Char(' ') +
                                         QString::fromUtf8(child.items[i]);
                    const QString brief =
                        QString::fromUtf8(child.selling[(b + i) % child.selling.size()]) +
                        QStringLiteral(" · ") +
                        QString::fromUtf8(child.selling[(b + i + 1) % child.selling.size()]);
                    // Prices end in 9, like a shop's do.
                    const int yuan =
                        child.minYuan +
                        int(random.bounded(quint32(child.maxYuan - child.minYuan + 1)));
                    const qint64 priceCents = qint64((yuan / 10) * 10 + 9) * 100;
                    QJsonArray values;
                    for (const char *value : child.specValues)
                        values.append(QString::fromUtf8(value));
                    const QJsonObject specs{
                        {QString::fromUtf8(child.specName), values},
                        {QStringLiteral("品牌"), QString::fromUtf8(child.brands[b])},
                        {QStringLiteral("发货地"), QStringLiteral("广东 广州")}};
                    const bool isFeatured = (goodsId % 17) == 3;
                    if (isFeatured)
                        featured.append(goodsId);
                    database.exec(
                        QStringLiteral(
                            "INSERT INTO goods (id, name, brief, category_id, price_cents, "
                            "stock, sales, specs, gallery_size, featured, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {goodsId, name, brief, childId, priceCents, 20 + int(random.bounded(480)),
                         int(random.bounded(20000)),
                         QString::fromUtf8(QJsonDocument(specs).toJson(QJsonDocument::Compact)),
                         3 + int(random.bounded(3)), isFeatured ? 1 : 0, now - goodsId * 3600});
                }
            }
        }
    }
    const QStringList bannerTitles = {
        QStringLiteral("双十一狂欢 低至五折"), QStringLiteral("新品首发 限时尝鲜"),
        QStringLiteral("居家好物 满减不停"), QStringLiteral("户外季 装备上新")};
    for (int i = 0; i < bannerTitles.size(); ++i) {
        database.exec(
            QStringLiteral("INSERT INTO banners (id, title, goods_id, sort) VALUES (?, ?, ?, ?)"),
            {i + 1, bannerTitles[i], featured.value(i, i + 1), i + 1});
    }
    struct Coupon
    {
        const char *name;
        int discountYuan;
        int minSpendYuan;
        int total;
        int perUser;
        int validDays;
    };
    const QList<Coupon> coupons = {
        {"新人专享 无门槛 5 元", 5, 0, 100000, 1, 90}, {"满 99 减 10", 10, 99, 10000, 2, 60},
        {"满 199 减 30", 30, 199, 5000, 1, 60},        {"满 499 减 80", 80, 499, 2000, 1, 30},
        {"限量 满 1000 减 150", 150, 1000, 3, 1, 7},
    };
    for (int i = 0; i < coupons.size(); ++i) {
        const Coupon &c = coupons[i];
        database.exec(
            QStringLiteral("INSERT INTO coupons (id, name, discount_cents, min_spend_cents, "
                           "total, claimed, per_user_limit, valid_until) "
                           "VALUES (?, ?, ?, ?, ?, 0, ?, ?)"),
            {i + 1, QString::fromUtf8(c.name), c.discountYuan * 100, c.minSpendYuan * 100, c.total,
             c.perUser, now + qint64(c.validDays) * 86400});
    }
    transaction.commit();
    qCInfo(lcServer, "catalog seeded: %d categories, %d goods, %lld coupons", categoryId, goodsId,
           qint64(coupons.size()));
}

} // namespace mall::server
