#pragma once

#include "apirequest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mall::server {

// page (from 1) and size (default 20, at most 100) of a list request.
struct Paging
{
    int page = 1;
    int size = 20;
    int offset() const { return (page - 1) * size; }
};

// nullopt and a reason in *error when page or size is not a positive
// integer or size is over 100.
std::optional<Paging> readPaging(const ApiRequest &request, QString *error);

// {"items", "total", "page", "size"}
QJsonObject pageJson(const QJsonArray &items, qint64 total, const Paging &paging);

} // namespace mall::server
