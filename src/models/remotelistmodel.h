#pragma once

#include "api/apiresult.h"

#include <QAbstractListModel>
#include <QJsonArray>
#include <QQmlParserStatus>
#include <QUrlQuery>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace mall::models {

class AppController;

// A list the server pages out ({"items", "total", "page", "size"} or just
// {"items"}): loading and error state for the views, endless paging,
// stale answers dropped. Subclasses say which endpoint and which roles.
class RemoteListModel : public QAbstractListModel, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("a base class")
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY stateChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY stateChanged)
    Q_PROPERTY(bool needsLogin READ needsLogin NOTIFY stateChanged)

public:
    bool loading() const { return m_loading; }
    // What went wrong in words, for an inline "tap to retry" state; empty when fine.
    QString error() const { return m_error; }
    bool hasMore() const;
    int count() const { return int(m_items.size()); }
    int total() const { return m_total; }
    // A member-only list while the user is not one yet.
    bool needsLogin() const;

    Q_INVOKABLE void reload();
    Q_INVOKABLE void loadMore();
    Q_INVOKABLE QVariantMap get(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void classBegin() override {}
    void componentComplete() override;

signals:
    void stateChanged();
    void countChanged();
    void loaded();

protected:
    RemoteListModel(QStringList roles, QObject *parent = nullptr);

    virtual QString path() const = 0;
    virtual QUrlQuery query() const { return {}; }
    virtual bool paged() const { return true; }
    virtual int requiredStep() const { return 0; }
    // Adds what the views show but the server does not send (texts, flags).
    virtual QVariantMap decorate(const QJsonObject &item) const { return item.toVariantMap(); }
    // Lists that show part of what the endpoint gives (one level of categories).
    virtual bool accepts(const QJsonObject &item) const
    {
        Q_UNUSED(item);
        return true;
    }
    // The whole answer, for lists that carry more than items (the cart total).
    virtual void onAnswer(const QJsonObject &data) { Q_UNUSED(data); }

    AppController *app() const;
    // For subclasses that change rows in place after an action.
    void replaceItems(QList<QVariantMap> items);
    void setItem(int row, const QVariantMap &item);
    void removeItem(int row);
    const QList<QVariantMap> &items() const { return m_items; }
    // The rows an answer's items make: those accepted, decorated.
    QList<QVariantMap> rowsFrom(const QJsonArray &items) const;
    // A property the query depends on changed: the rows of the old query
    // go at once (a search for one word never shows another's results,
    // not even while the new ones load), then the new query loads. A change
    // of the data behind the same query calls reload(), which keeps the
    // rows on screen until the new ones arrive.
    void invalidate();

private:
    void fetch(int page);
    void clearRows();
    void setError(const QString &error);

    QStringList m_roleNames;
    QList<QVariantMap> m_items;
    bool m_complete = false;
    bool m_loading = false;
    QString m_error;
    int m_page = 0;
    int m_total = 0;
    quint64 m_generation = 0;
};

} // namespace mall::models
