<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddressEditPage</name>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="16"/>
        <source>编辑地址</source>
        <translation>Edit address</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="16"/>
        <source>新增地址</source>
        <translation>New address</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="23"/>
        <source>收货人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="24"/>
        <source>手机号</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="25"/>
        <source>请输入 11 位手机号</source>
        <translation>Enter an 11-digit phone number</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="26"/>
        <source>所在地区，如 广东省 广州市 天河区</source>
        <translation>Region, e.g. Guangdong Guangzhou Tianhe</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="27"/>
        <source>详细地址</source>
        <translation>Street address</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="28"/>
        <source>设为默认地址</source>
        <translation>Make this my default address</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="34"/>
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="34"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../qml/AddressEditPage.qml" line="47"/>
        <source>删除地址</source>
        <translation>Delete address</translation>
    </message>
</context>
<context>
    <name>AddressesPage</name>
    <message>
        <location filename="../../qml/AddressesPage.qml" line="13"/>
        <source>选择收货地址</source>
        <translation>Choose an address</translation>
    </message>
    <message>
        <location filename="../../qml/AddressesPage.qml" line="13"/>
        <source>收货地址</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <location filename="../../qml/AddressesPage.qml" line="38"/>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../qml/AddressesPage.qml" line="44"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../qml/AddressesPage.qml" line="56"/>
        <source>还没有收货地址</source>
        <translation>No addresses yet</translation>
    </message>
    <message>
        <location filename="../../qml/AddressesPage.qml" line="64"/>
        <source>新增收货地址</source>
        <translation>Add an address</translation>
    </message>
</context>
<context>
    <name>AppContent</name>
    <message>
        <location filename="../../qml/AppContent.qml" line="62"/>
        <source>登录已失效，请重新登录</source>
        <translation>Your session ended, please log in again</translation>
    </message>
    <message>
        <location filename="../../qml/AppContent.qml" line="107"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../qml/AppContent.qml" line="139"/>
        <source>系统钥匙串不可用：登录状态只保留到退出应用</source>
        <translation>The system keychain is unavailable: you stay logged in only until you quit</translation>
    </message>
    <message>
        <location filename="../../qml/AppContent.qml" line="143"/>
        <source>关闭提示</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>AuthPopup</name>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="24"/>
        <source>授权已过期，请再点一次</source>
        <translation>Authorization expired, please tap again</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="31"/>
        <source>绑定手机号</source>
        <translation>Bind your phone</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="31"/>
        <source>完善会员信息</source>
        <translation>Complete your profile</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="39"/>
        <source>登录后即可继续刚才的操作</source>
        <translation>Log in to carry on with what you were doing</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="40"/>
        <source>授权头像和昵称后即可发表评价</source>
        <translation>Share your nickname and avatar to post reviews</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="55"/>
        <location filename="../../qml/AuthPopup.qml" line="56"/>
        <source>昵称</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="61"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="62"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="63"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="71"/>
        <source>授权中…</source>
        <translation>Authorizing…</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="71"/>
        <source>允许授权</source>
        <translation>Allow</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="84"/>
        <source>微信手机号一键登录</source>
        <translation>Log in with your WeChat phone</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="97"/>
        <source>用手机号验证码登录</source>
        <translation>Log in with an SMS code</translation>
    </message>
    <message>
        <location filename="../../qml/AuthPopup.qml" line="113"/>
        <source>暂不</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>CartPage</name>
    <message>
        <location filename="../../qml/CartPage.qml" line="12"/>
        <source>购物车 (%1)</source>
        <translation>Cart (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="99"/>
        <source>减少数量</source>
        <translation>Fewer</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="117"/>
        <source>增加数量</source>
        <translation>More</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="75"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="18"/>
        <source>已删除 %1</source>
        <translation>Removed %1</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="18"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="73"/>
        <source>删除 %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="132"/>
        <source>购物车空空如也，去逛逛吧</source>
        <translation>Your cart is empty — go and have a look around</translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="145"/>
        <source>合计：</source>
        <translation>Total: </translation>
    </message>
    <message>
        <location filename="../../qml/CartPage.qml" line="150"/>
        <source>去结算</source>
        <translation>Check out</translation>
    </message>
</context>
<context>
    <name>CategoryPage</name>
    <message>
        <location filename="../../qml/CategoryPage.qml" line="12"/>
        <source>分类</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../qml/CategoryPage.qml" line="75"/>
        <source>查看全部 ›</source>
        <translation>See all ›</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="14"/>
        <source>确认订单</source>
        <translation>Confirm order</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="45"/>
        <source>添加收货地址</source>
        <translation>Add a delivery address</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="91"/>
        <source>商品金额</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="93"/>
        <source>优惠券</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="98"/>
        <source>不使用优惠券</source>
        <translation>No coupon</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="104"/>
        <source>优惠</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="117"/>
        <source>实付：</source>
        <translation>To pay: </translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="123"/>
        <source>提交中…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <location filename="../../qml/CheckoutPage.qml" line="123"/>
        <source>提交订单</source>
        <translation>Place order</translation>
    </message>
</context>
<context>
    <name>CouponCenterPage</name>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="12"/>
        <source>我的优惠券</source>
        <translation>My coupons</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="12"/>
        <source>领券中心</source>
        <translation>Coupon centre</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="48"/>
        <source>领取</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="48"/>
        <source>已抢光</source>
        <translation>All gone</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="52"/>
        <source>领取成功</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="58"/>
        <source>已使用</source>
        <translation>Used</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="58"/>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="58"/>
        <source>可使用</source>
        <translation>Ready to use</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="69"/>
        <source>还没有优惠券，去领券中心看看</source>
        <translation>No coupons yet — visit the coupon centre</translation>
    </message>
    <message>
        <location filename="../../qml/CouponCenterPage.qml" line="69"/>
        <source>暂无可领的优惠券</source>
        <translation>No coupons to claim right now</translation>
    </message>
</context>
<context>
    <name>FavoritesPage</name>
    <message>
        <location filename="../../qml/FavoritesPage.qml" line="9"/>
        <source>我的收藏</source>
        <translation>My favorites</translation>
    </message>
</context>
<context>
    <name>FootprintsPage</name>
    <message>
        <location filename="../../qml/FootprintsPage.qml" line="9"/>
        <source>我的足迹</source>
        <translation>Recently viewed</translation>
    </message>
</context>
<context>
    <name>GoodsCard</name>
    <message>
        <location filename="../../qml/GoodsCard.qml" line="71"/>
        <source>%1人付款</source>
        <translation>%1 sold</translation>
    </message>
</context>
<context>
    <name>GoodsGrid</name>
    <message>
        <location filename="../../qml/GoodsGrid.qml" line="53"/>
        <source>— 没有更多了 —</source>
        <translation>— that's all —</translation>
    </message>
</context>
<context>
    <name>GoodsListPage</name>
    <message>
        <location filename="../../qml/GoodsListPage.qml" line="12"/>
        <source>商品</source>
        <translation>Goods</translation>
    </message>
</context>
<context>
    <name>GoodsPage</name>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="24"/>
        <source>商品详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="76"/>
        <source>已售 %1 · 库存 %2</source>
        <translation>%1 sold · %2 in stock</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="104"/>
        <source>领券</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="107"/>
        <source>店铺优惠券，下单立减</source>
        <translation>Shop coupons, off at checkout</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="122"/>
        <source>规格参数</source>
        <translation>Specifications</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="153"/>
        <source>商品评价 (%1)</source>
        <translation>Reviews (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="156"/>
        <source>写评价</source>
        <translation>Write a review</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="179"/>
        <source>还没有评价，来写第一条吧</source>
        <translation>No reviews yet — be the first</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="206"/>
        <source>已收藏</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="206"/>
        <source>收藏</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="219"/>
        <source>购物车</source>
        <translation>Cart</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="233"/>
        <source>加入购物车</source>
        <translation>Add to cart</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="240"/>
        <source>已加入购物车</source>
        <translation>Added to your cart</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="250"/>
        <source>立即购买</source>
        <translation>Buy now</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="250"/>
        <source>已售罄</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <location filename="../../qml/GoodsPage.qml" line="270"/>
        <source>评价已发布</source>
        <translation>Review posted</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../qml/HomePage.qml" line="33"/>
        <source>搜索商品</source>
        <translation>Search goods</translation>
    </message>
    <message>
        <location filename="../../qml/HomePage.qml" line="41"/>
        <source>搜索商品、品牌</source>
        <translation>Search goods and brands</translation>
    </message>
    <message>
        <location filename="../../qml/HomePage.qml" line="196"/>
        <source>精选推荐</source>
        <translation>Featured</translation>
    </message>
    <message>
        <location filename="../../qml/HomePage.qml" line="231"/>
        <source>猜你喜欢</source>
        <translation>For you</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../qml/LoginPage.qml" line="25"/>
        <source>登录 / 注册</source>
        <translation>Log in / Sign up</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="50"/>
        <source>欢迎来到商城</source>
        <translation>Welcome to the mall</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="58"/>
        <source>验证码登录</source>
        <translation>SMS code</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="59"/>
        <source>密码登录</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="66"/>
        <location filename="../../qml/LoginPage.qml" line="67"/>
        <source>手机号</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="75"/>
        <source>请输入 11 位手机号</source>
        <translation>Enter an 11-digit phone number</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="87"/>
        <source>6 位验证码</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="88"/>
        <source>验证码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="98"/>
        <source>%1 秒后重发</source>
        <translation>Resend in %1 s</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="98"/>
        <source>获取验证码</source>
        <translation>Get code</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="115"/>
        <location filename="../../qml/LoginPage.qml" line="116"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="136"/>
        <source>登录中…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="136"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="158"/>
        <source>其他方式</source>
        <translation>or</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="166"/>
        <source>微信手机号一键登录</source>
        <translation>Log in with your WeChat phone</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="176"/>
        <source>请在浏览器中完成授权…</source>
        <translation>Finish in your browser…</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="176"/>
        <source>在浏览器中登录</source>
        <translation>Log in in the browser</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="183"/>
        <source>未注册的手机号验证后将自动创建账号</source>
        <translation>A new phone number gets an account once verified</translation>
    </message>
    <message>
        <location filename="../../qml/LoginPage.qml" line="204"/>
        <source>授权已过期，请再点一次</source>
        <translation>Authorization expired, please tap again</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="19"/>
        <source>商城</source>
        <translation>Mall</translation>
    </message>
</context>
<context>
    <name>MePage</name>
    <message>
        <location filename="../../qml/MePage.qml" line="57"/>
        <source>登录 / 注册</source>
        <translation>Log in / Sign up</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="64"/>
        <source>会员 · 已授权资料</source>
        <translation>Member · profile complete</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="65"/>
        <source>会员 · 点击完善资料</source>
        <translation>Member · tap to complete your profile</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="66"/>
        <source>游客 · 登录享会员权益</source>
        <translation>Guest · log in for member benefits</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="89"/>
        <source>我的订单</source>
        <translation>My orders</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="93"/>
        <source>全部订单 ›</source>
        <translation>All orders ›</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="101"/>
        <source>待付款</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="102"/>
        <source>待发货</source>
        <translation>To ship</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="103"/>
        <source>待收货</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="104"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="136"/>
        <source>优惠券</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="137"/>
        <source>我的收藏</source>
        <translation>My favorites</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="138"/>
        <source>收货地址</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="139"/>
        <source>足迹</source>
        <translation>Viewed</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="140"/>
        <source>领券中心</source>
        <translation>Coupon centre</translation>
    </message>
    <message>
        <location filename="../../qml/MePage.qml" line="141"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>OrderDetailPage</name>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="12"/>
        <source>订单详情</source>
        <translation>Order details</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="36"/>
        <source>订单 %1 · %2</source>
        <translation>Order %1 · %2</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="69"/>
        <source>商品金额</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="71"/>
        <source>优惠</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="73"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="95"/>
        <source>取消订单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="98"/>
        <source>去支付</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../qml/OrderDetailPage.qml" line="100"/>
        <source>支付成功</source>
        <translation>Paid</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="16"/>
        <source>我的订单</source>
        <translation>My orders</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="32"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="67"/>
        <source>订单 %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="73"/>
        <source>实付 %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="80"/>
        <source>取消订单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="86"/>
        <source>去支付</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="88"/>
        <source>支付成功</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../qml/OrdersPage.qml" line="99"/>
        <source>还没有订单</source>
        <translation>No orders yet</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../../qml/PageHeader.qml" line="21"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PhonePickerDialog</name>
    <message>
        <location filename="../../qml/PhonePickerDialog.qml" line="13"/>
        <source>申请获取你的手机号</source>
        <translation>Allow access to your phone number</translation>
    </message>
    <message>
        <location filename="../../qml/PhonePickerDialog.qml" line="18"/>
        <source>商城申请使用你绑定的手机号</source>
        <translation>The mall asks to use the phone number bound to your account</translation>
    </message>
    <message>
        <location filename="../../qml/PhonePickerDialog.qml" line="29"/>
        <source>手机号</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../qml/PhonePickerDialog.qml" line="35"/>
        <source>允许</source>
        <translation>Allow</translation>
    </message>
    <message>
        <location filename="../../qml/PhonePickerDialog.qml" line="40"/>
        <source>拒绝</source>
        <translation>Deny</translation>
    </message>
</context>
<context>
    <name>QaDrawer</name>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="28"/>
        <location filename="../../qml/QaDrawer.qml" line="62"/>
        <source>QA 面板</source>
        <translation>QA panel</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="66"/>
        <source>阶段</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="67"/>
        <source>游客</source>
        <translation>Guest</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="67"/>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="67"/>
        <source>会员信息</source>
        <translation>Member-info</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="70"/>
        <source>过期</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="74"/>
        <source>刷新次数</source>
        <translation>Refreshes</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="76"/>
        <source>挂起请求</source>
        <translation>Held requests</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="78"/>
        <location filename="../../qml/QaDrawer.qml" line="108"/>
        <source>鉴权失败方式</source>
        <translation>Auth-fail style</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="81"/>
        <source>让凭证失效</source>
        <translation>Expire</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="87"/>
        <source>注入故障</source>
        <translation>Inject faults</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="90"/>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="107"/>
        <source>清除故障</source>
        <translation>Clear faults</translation>
    </message>
    <message>
        <location filename="../../qml/QaDrawer.qml" line="115"/>
        <source>重置为新游客</source>
        <translation>Reset to a new guest</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../qml/ReviewDialog.qml" line="14"/>
        <source>写评价</source>
        <translation>Write a review</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewDialog.qml" line="29"/>
        <source>%1 星</source>
        <translation>%1 stars</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewDialog.qml" line="39"/>
        <source>说说你的使用感受（1-500 字）</source>
        <translation>How do you like it? (1-500 characters)</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewDialog.qml" line="46"/>
        <source>发布</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewDialog.qml" line="55"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../qml/SearchPage.qml" line="21"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../qml/SearchPage.qml" line="28"/>
        <source>搜索商品、品牌</source>
        <translation>Search goods and brands</translation>
    </message>
    <message>
        <location filename="../../qml/SearchPage.qml" line="29"/>
        <source>搜索关键词</source>
        <translation>Search words</translation>
    </message>
    <message>
        <location filename="../../qml/SearchPage.qml" line="36"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="10"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="21"/>
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="37"/>
        <source>服务器：%1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="38"/>
        <source>登录状态保存在系统钥匙串</source>
        <translation>Your login is kept in the system keychain</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="38"/>
        <source>钥匙串不可用：登录状态只保留到退出</source>
        <translation>Keychain unavailable: your login lasts until you quit</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="45"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="46"/>
        <source>已退出登录</source>
        <translation>Logged out</translation>
    </message>
</context>
<context>
    <name>SortBar</name>
    <message>
        <location filename="../../qml/SortBar.qml" line="12"/>
        <source>综合</source>
        <translation>Best match</translation>
    </message>
    <message>
        <location filename="../../qml/SortBar.qml" line="13"/>
        <source>销量</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../../qml/SortBar.qml" line="14"/>
        <source>价格↑</source>
        <translation>Price ↑</translation>
    </message>
    <message>
        <location filename="../../qml/SortBar.qml" line="15"/>
        <source>价格↓</source>
        <translation>Price ↓</translation>
    </message>
</context>
<context>
    <name>StateView</name>
    <message>
        <location filename="../../qml/StateView.qml" line="17"/>
        <source>这里还什么都没有</source>
        <translation>Nothing here yet</translation>
    </message>
    <message>
        <location filename="../../qml/StateView.qml" line="42"/>
        <source>登录后查看</source>
        <translation>Log in to see this</translation>
    </message>
    <message>
        <location filename="../../qml/StateView.qml" line="51"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../qml/StateView.qml" line="62"/>
        <source>去登录</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>TabsPage</name>
    <message>
        <location filename="../../qml/TabsPage.qml" line="37"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../qml/TabsPage.qml" line="38"/>
        <source>分类</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../qml/TabsPage.qml" line="39"/>
        <source>购物车</source>
        <translation>Cart</translation>
    </message>
    <message>
        <location filename="../../qml/TabsPage.qml" line="40"/>
        <source>我的</source>
        <translation>Me</translation>
    </message>
</context>
<context>
    <name>mall::models::AppController</name>
    <message>
        <location filename="../../src/models/appcontroller.cpp" line="186"/>
        <source>系统繁忙，请稍后再试</source>
        <translation>The system is busy, please try again later</translation>
    </message>
    <message>
        <location filename="../../src/models/appcontroller.cpp" line="192"/>
        <source>操作失败</source>
        <translation>That did not work</translation>
    </message>
    <message>
        <location filename="../../src/models/appcontroller.cpp" line="204"/>
        <source>网络不给力，请稍后再试</source>
        <translation>Network trouble, please try again later</translation>
    </message>
</context>
<context>
    <name>mall::models::CouponListModel</name>
    <message>
        <location filename="../../src/models/couponmodels.cpp" line="38"/>
        <source>满 %1 可用</source>
        <translation>On orders over %1</translation>
    </message>
    <message>
        <location filename="../../src/models/couponmodels.cpp" line="38"/>
        <source>无门槛</source>
        <translation>No minimum</translation>
    </message>
    <message>
        <location filename="../../src/models/couponmodels.cpp" line="41"/>
        <source>有效期至 %1</source>
        <translation>Valid until %1</translation>
    </message>
</context>
<context>
    <name>mall::models::OrderListModel</name>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="40"/>
        <source>待付款</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="42"/>
        <source>待发货</source>
        <translation>To ship</translation>
    </message>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="44"/>
        <source>待收货</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="46"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="48"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="62"/>
        <source>%1 等 %2 件</source>
        <translation>%1 and more, %2 items</translation>
    </message>
    <message>
        <location filename="../../src/models/ordermodels.cpp" line="63"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
</context>
<context>
    <name>mall::models::QaPanel</name>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="58"/>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="58"/>
        <source>%1 秒后</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="98"/>
        <source>已让 %1 失效</source>
        <translation>%1 expired</translation>
    </message>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="111"/>
        <source>下 %1 个 %2 请求：%3</source>
        <translation>next %1 requests to %2: %3</translation>
    </message>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="116"/>
        <source>已清除故障</source>
        <translation>Faults cleared</translation>
    </message>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="125"/>
        <source>鉴权失败方式：%1</source>
        <translation>Auth-fail style: %1</translation>
    </message>
    <message>
        <location filename="../../src/models/qapanel.cpp" line="131"/>
        <source>已重置为新游客</source>
        <translation>Reset to a new guest</translation>
    </message>
</context>
<context>
    <name>mall::models::RemoteListModel</name>
    <message>
        <location filename="../../src/models/remotelistmodel.cpp" line="140"/>
        <source>网络不给力，点击重试</source>
        <translation>Network trouble — tap to retry</translation>
    </message>
    <message>
        <location filename="../../src/models/remotelistmodel.cpp" line="142"/>
        <source>系统繁忙，点击重试</source>
        <translation>The system is busy — tap to retry</translation>
    </message>
</context>
<context>
    <name>mall::models::RemoteObject</name>
    <message>
        <location filename="../../src/models/remoteobject.cpp" line="34"/>
        <source>网络不给力，点击重试</source>
        <translation>Network trouble — tap to retry</translation>
    </message>
    <message>
        <location filename="../../src/models/remoteobject.cpp" line="35"/>
        <source>系统繁忙，点击重试</source>
        <translation>The system is busy — tap to retry</translation>
    </message>
</context>
</TS>
