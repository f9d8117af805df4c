import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 首页: search box, banners, category shortcuts, featured goods, and an
// endless list of goods.
Page {
    id: page
    objectName: "homePage"
    background: Rectangle { color: Theme.background }

    HomeFeed { id: feed }
    GoodsListModel { id: goods; sort: "sales" }

    header: ToolBar {
        // Room for the 36 px search box within 8 px margins (Material's
        // toolbar is 48 px and would cut the logo).
        implicitHeight: 52
        background: Rectangle { color: Theme.brand }
        RowLayout {
            anchors.fill: parent
            anchors.margins: 8
            Image {
                source: "qrc:/images/logo.svg"
                sourceSize: Qt.size(32, 32)
            }
            ItemDelegate {
                id: searchBox
                objectName: "homeSearchBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 36
                Accessible.name: qsTr("搜索商品")
                background: Rectangle {
                    radius: 18
                    color: "white"
                    PressTint { control: searchBox; radius: parent.radius }
                }
                contentItem: RowLayout {
                    Image { source: "qrc:/images/search.svg"; sourceSize: Qt.size(18, 18); Layout.leftMargin: 8 }
                    Label { text: qsTr("搜索商品、品牌"); color: Theme.secondaryText; Layout.fillWidth: true }
                }
                onClicked: Nav.open("SearchPage")
            }
        }
    }

    GoodsGrid {
        id: grid
        objectName: "homeGoodsGrid"
        anchors.fill: parent
        goods: goods
        // The header grows when the feed arrives, and a grid keeps its items
        // still, which would push the banners up out of sight: until the user
        // scrolls, the top stays in view.
        property bool userScrolled: false
        onMovementStarted: userScrolled = true
        onOriginYChanged: if (!userScrolled) contentY = originY
        onDragEnded: if (contentY < originY - 80) feed.reload()
        header: ColumnLayout {
            // The grid's margins shift its header too: as wide as the cells.
            width: grid.width - grid.leftMargin - grid.rightMargin
            spacing: Theme.spacing

            // Banners
            SwipeView {
                id: banners
                objectName: "bannerView"
                // The pictures' own shape, so nothing is cropped off the
                // product; on a wide window no taller than bannerMaxHeight,
                // centred, so the shortcuts below stay on the first screen.
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.bannerMaxHeight * Theme.bannerAspect
                Layout.preferredHeight: Math.round(width / Theme.bannerAspect)
                Layout.alignment: Qt.AlignHCenter
                Layout.margins: 4
                clip: true
                // A banner is built when it is on screen or next to it, and
                // then kept: at start the ones further on would decode their
                // pictures and lay out their titles (each new character pages
                // in more of the bold CJK face) before anyone swipes to them,
                // and a banner dropped again would be blank while the
                // carousel slides back across it from the last to the first.
                Repeater {
                    model: feed.banners
                    Loader {
                        // A latch: true once the banner is on screen or next
                        // to it, then no longer bound (assigning breaks the
                        // binding), so it stays true.
                        property bool wanted: SwipeView.isCurrentItem || SwipeView.isNextItem
                                              || SwipeView.isPreviousItem
                        onWantedChanged: if (wanted) wanted = true
                        active: wanted
                        sourceComponent: ItemDelegate {
                            id: banner
                            objectName: "homeBanner_" + modelData.id
                            padding: 0
                            verticalPadding: 0 // Material's 8 px would show a band of background
                            Accessible.name: modelData.title
                            background: Rectangle { radius: Theme.radius; color: Theme.brandLight; clip: true }
                            contentItem: Item {
                                RemoteImage {
                                    anchors.fill: parent
                                    url: modelData.picUrl || ""
                                }
                                Rectangle {
                                    anchors.left: parent.left
                                    anchors.bottom: parent.bottom
                                    anchors.margins: 12
                                    radius: 14
                                    color: "#aa000000"
                                    width: bannerTitle.implicitWidth + 24
                                    height: 28
                                    Label {
                                        id: bannerTitle
                                        anchors.centerIn: parent
                                        text: modelData.title
                                        color: "white"
                                        font.bold: true
                                    }
                                }
                            }
                            // Over the picture, which would hide it in the background.
                            PressTint {
                                control: banner
                                radius: Theme.radius
                                z: 1
                            }
                            onClicked: Nav.open("GoodsPage", { goodsId: modelData.goodsId })
                        }
                    }
                }
                Timer {
                    interval: 4000
                    running: page.visible && feed.banners.length > 1
                    repeat: true
                    onTriggered: banners.currentIndex = (banners.currentIndex + 1) % feed.banners.length
                }
            }
            PageIndicator {
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: -8
                count: banners.count
                currentIndex: banners.currentIndex
            }

            // Category shortcuts
            GridLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 8
                Layout.rightMargin: 8
                // Five to a row, four on a narrow phone: "Computers" needs
                // about 62 px at 12 px.
                columns: width < 340 ? 4 : 5
                rowSpacing: 8
                Repeater {
                    model: feed.categories
                    ItemDelegate {
                        id: shortcut
                        objectName: "homeCategory_" + modelData.id
                        Layout.fillWidth: true
                        // Equal columns, whatever the names' lengths (a long
                        // English name would push the row off the screen).
                        Layout.preferredWidth: 1
                        // Material's 16 px side padding would leave a fifth
                        // of a phone too narrow for a four-character name.
                        horizontalPadding: 2
                        background: PressTint { control: shortcut }
                        Accessible.name: modelData.name
                        contentItem: ColumnLayout {
                            spacing: 4
                            Image {
                                Layout.alignment: Qt.AlignHCenter
                                source: modelData.iconUrl || ""
                                sourceSize: Qt.size(44, 44)
                                asynchronous: true
                            }
                            Label {
                                Layout.fillWidth: true
                                horizontalAlignment: Text.AlignHCenter
                                text: modelData.name
                                font.pixelSize: 12
                                wrapMode: Text.WordWrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                        }
                        onClicked: Nav.open("GoodsListPage", { categoryId: modelData.id, pageTitle: modelData.name })
                    }
                }
            }

            // Featured
            Label {
                Layout.leftMargin: 8
                text: qsTr("精选推荐")
                font.pixelSize: 17
                font.bold: true
                visible: feed.featured.length > 0
            }
            ListView {
                Layout.fillWidth: true
                Layout.preferredHeight: 232
                orientation: ListView.Horizontal
                spacing: 8
                leftMargin: 4
                rightMargin: 4
                clip: true
                model: feed.featured
                visible: feed.featured.length > 0
                delegate: GoodsCard {
                    width: 150
                    height: 232
                    goodsId: modelData.id
                    name: modelData.name
                    picUrl: modelData.picUrl
                    priceText: modelData.priceText
                    sales: modelData.sales
                }
            }
            StateView {
                Layout.fillWidth: true
                visible: feed.error !== "" || (feed.loading && !feed.loaded)
                loading: feed.loading
                error: feed.error
                empty: false
                onRetry: feed.reload()
            }
            Label {
                Layout.leftMargin: 8
                text: qsTr("猜你喜欢")
                font.pixelSize: 17
                font.bold: true
            }
        }
    }
}
