#!/usr/bin/env python3
"""Fills resources/translations/mall_en.ts with the English texts below.

The app's source strings are Chinese; run `cmake --build build --target
update_translations` after changing them, then this script, and review the
strings it reports as untranslated.
"""
import re
import sys
from pathlib import Path

ENGLISH = {
    "编辑地址": "Edit address", "新增地址": "New address", "收货人": "Recipient",
    "手机号": "Phone number", "请输入 11 位手机号": "Enter an 11-digit phone number",
    "所在地区，如 广东省 广州市 天河区": "Region, e.g. Guangdong Guangzhou Tianhe",
    "详细地址": "Street address", "设为默认地址": "Make this my default address",
    "保存中…": "Saving…", "保存": "Save", "删除地址": "Delete address",
    "选择收货地址": "Choose an address", "收货地址": "Addresses", "默认": "Default",
    "编辑": "Edit", "还没有收货地址": "No addresses yet", "新增收货地址": "Add an address",
    "授权已过期，请再点一次": "Authorization expired, please tap again",
    "绑定手机号": "Bind your phone", "完善会员信息": "Complete your profile",
    "登录后即可继续刚才的操作": "Log in to carry on with what you were doing",
    "授权头像和昵称后即可发表评价": "Share your nickname and avatar to post reviews",
    "昵称": "Nickname", "性别": "Gender", "男": "Male", "女": "Female",
    "授权中…": "Authorizing…", "允许授权": "Allow", "微信手机号一键登录": "Log in with your WeChat phone",
    "用手机号验证码登录": "Log in with an SMS code", "暂不": "Not now",
    "购物车 (%1)": "Cart (%1)", "减少数量": "Fewer", "增加数量": "More", "删除": "Remove",
    "购物车空空如也，去逛逛吧": "Your cart is empty — go and have a look around",
    "合计：": "Total: ", "合计": "Total", "删除 %1": "Remove %1", "去结算": "Check out", "分类": "Categories", "查看全部 ›": "See all ›",
    "确认订单": "Confirm order", "添加收货地址": "Add a delivery address",
    "商品金额": "Goods", "优惠券": "Coupons", "不使用优惠券": "No coupon", "优惠": "Discount",
    "实付：": "To pay: ", "提交中…": "Submitting…", "提交订单": "Place order",
    "我的优惠券": "My coupons", "领券中心": "Coupon centre", "领取": "Claim",
    "已抢光": "All gone", "领取成功": "Claimed", "已使用": "Used", "已过期": "Expired",
    "可使用": "Ready to use", "还没有优惠券，去领券中心看看": "No coupons yet — visit the coupon centre",
    "暂无可领的优惠券": "No coupons to claim right now", "我的收藏": "My favorites",
    "我的足迹": "Recently viewed", "%1人付款": "%1 sold", "— 没有更多了 —": "— that's all —",
    "商品": "Goods", "商品详情": "Details", "已售 %1 · 库存 %2": "%1 sold · %2 in stock",
    "领券": "Coupons", "店铺优惠券，下单立减": "Shop coupons, off at checkout",
    "规格参数": "Specifications", "商品评价 (%1)": "Reviews (%1)", "写评价": "Write a review",
    "还没有评价，来写第一条吧": "No reviews yet — be the first",
    "已收藏": "Saved", "收藏": "Save", "购物车": "Cart", "加入购物车": "Add to cart",
    "已删除 %1": "Removed %1", "撤销": "Undo",
    "已加入购物车": "Added to your cart", "立即购买": "Buy now", "已售罄": "Sold out",
    "评价已发布": "Review posted", "搜索商品": "Search goods",
    "搜索商品、品牌": "Search goods and brands", "精选推荐": "Featured", "猜你喜欢": "For you",
    "登录 / 注册": "Log in / Sign up", "欢迎来到商城": "Welcome to the mall",
    "验证码登录": "SMS code", "密码登录": "Password", "6 位验证码": "6-digit code",
    "验证码": "Code", "%1 秒后重发": "Resend in %1 s", "获取验证码": "Get code",
    "密码": "Password", "登录中…": "Logging in…", "登录": "Log in", "其他方式": "or",
    "请在浏览器中完成授权…": "Finish in your browser…", "在浏览器中登录": "Log in in the browser",
    "未注册的手机号验证后将自动创建账号": "A new phone number gets an account once verified",
    "商城": "Mall", "登录已失效，请重新登录": "Your session ended, please log in again",
    "提示": "Notice", "系统钥匙串不可用：登录状态只保留到退出应用":
        "The system keychain is unavailable: you stay logged in only until you quit",
    "关闭提示": "Dismiss", "会员 · 已授权资料": "Member · profile complete",
    "会员 · 点击完善资料": "Member · tap to complete your profile",
    "游客 · 登录享会员权益": "Guest · log in for member benefits",
    "我的订单": "My orders", "全部订单 ›": "All orders ›", "待付款": "To pay",
    "待发货": "To ship", "待收货": "Shipped", "已完成": "Completed", "足迹": "Viewed",
    "设置": "Settings", "全部": "All", "订单 %1": "Order %1", "实付 %1": "Total %1",
    "取消订单": "Cancel order", "去支付": "Pay", "支付成功": "Paid", "还没有订单": "No orders yet",
    "返回": "Back", "申请获取你的手机号": "Allow access to your phone number",
    "商城申请使用你绑定的手机号": "The mall asks to use the phone number bound to your account",
    "允许": "Allow", "拒绝": "Deny", "QA 面板": "QA panel", "阶段": "Step", "游客": "Guest",
    "会员": "Member", "会员信息": "Member-info", "过期": "Expires", "刷新次数": "Refreshes",
    "挂起请求": "Held requests", "鉴权失败方式": "Auth-fail style", "让凭证失效": "Expire",
    "注入故障": "Inject faults", "清除故障": "Clear faults", "重置为新游客": "Reset to a new guest",
    "%1 星": "%1 stars", "说说你的使用感受（1-500 字）": "How do you like it? (1-500 characters)",
    "发布": "Post", "取消": "Cancel", "搜索关键词": "Search words", "搜索": "Search",
    "语言 / Language": "语言 / Language", "服务器：%1": "Server: %1",
    "登录状态保存在系统钥匙串": "Your login is kept in the system keychain",
    "钥匙串不可用：登录状态只保留到退出": "Keychain unavailable: your login lasts until you quit",
    "退出登录": "Log out", "已退出登录": "Logged out", "综合": "Best match", "销量": "Sales",
    "价格↑": "Price ↑", "价格↓": "Price ↓", "这里还什么都没有": "Nothing here yet",
    "登录后查看": "Log in to see this", "重试": "Retry", "去登录": "Log in", "首页": "Home",
    "我的": "Me", "系统繁忙，请稍后再试": "The system is busy, please try again later",
    "操作失败": "That did not work", "网络不给力，请稍后再试": "Network trouble, please try again later",
    "满 %1 可用": "On orders over %1", "无门槛": "No minimum", "有效期至 %1": "Valid until %1",
    "已取消": "Cancelled", "%1 等 %2 件": "%1 and more, %2 items", "%1 × %2": "%1 × %2",
    "%1 秒后": "in %1 s", "已让 %1 失效": "%1 expired",
    "下 %1 个 %2 请求：%3": "next %1 requests to %2: %3", "已清除故障": "Faults cleared",
    "鉴权失败方式：%1": "Auth-fail style: %1", "已重置为新游客": "Reset to a new guest",
    "网络不给力，点击重试": "Network trouble — tap to retry",
    "系统繁忙，点击重试": "The system is busy — tap to retry",
    "次数": "Count",
    "订单详情": "Order details", "订单 %1 · %2": "Order %1 · %2",
}


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    path = Path(__file__).resolve().parent.parent / "resources/translations/mall_en.ts"
    ts = path.read_text(encoding="utf-8")
    missing = set()

    def fill(match):
        source = match.group(1)
        plain = source.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        if plain not in ENGLISH:
            missing.add(plain)
            return match.group(0)
        return f"<source>{source}</source>\n        <translation>{escape(ENGLISH[plain])}</translation>"

    ts = re.sub(r'<source>(.*?)</source>\s*<translation[^>]*>.*?</translation>', fill, ts, flags=re.S)
    path.write_text(ts, encoding="utf-8")
    for text in sorted(missing):
        print(f"untranslated: {text}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
