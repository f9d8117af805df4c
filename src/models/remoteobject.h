#pragma once

#include "api/apiresult.h"

#include <QJsonObject>
#include <QObject>
#include <QQmlParserStatus>
#include <QtQml/qqmlregistration.h>

namespace mall::models {

class AppController;

// One object the server describes (a goods, the home page): loading and
// error state, and stale answers dropped, like RemoteListModel.
class RemoteObject : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("a base class")
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)

public:
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    QString error() const { return m_error; }
    Q_INVOKABLE void reload();

    void classBegin() override {}
    void componentComplete() override;

signals:
    void stateChanged();
    void dataChanged();

protected:
    using QObject::QObject;
    virtual QString path() const = 0; // empty: nothing to load yet
    virtual void take(const QJsonObject &data) = 0;
    AppController *app() const;
    const QJsonObject &json() const { return m_data; }

private:
    QJsonObject m_data;
    bool m_complete = false;
    bool m_loading = false;
    bool m_loaded = false;
    QString m_error;
    quint64 m_generation = 0;
};

} // namespace mall::models
