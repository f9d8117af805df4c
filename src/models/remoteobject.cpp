#include "remoteobject.h"

#include "appcontroller.h"

namespace mall::models {

AppController *RemoteObject::app() const
{
    return AppController::instance();
}

void RemoteObject::componentComplete()
{
    m_complete = true;
    if (AppController *controller = app())
        connect(controller, &AppController::readyChanged, this, &RemoteObject::reload);
    reload();
}

void RemoteObject::reload()
{
    const QString target = path();
    if (!m_complete || target.isEmpty() || !app() || !app()->ready())
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_error.clear();
    emit stateChanged();
    app()->api().get(target, [this, generation](const api::ApiResult &result) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!result.ok()) {
            m_error = result.isNetworkFailure() ? tr("网络不给力，点击重试")
                      : result.isServerBusy()   ? tr("系统繁忙，点击重试")
                                                : result.message;
            app()->reportFailure(result);
            emit stateChanged();
            return;
        }
        m_data = result.object();
        take(m_data);
        m_loaded = true;
        emit dataChanged();
        emit stateChanged();
    });
}

} // namespace mall::models
