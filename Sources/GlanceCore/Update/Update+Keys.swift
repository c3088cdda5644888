import TerminalKit

extension Update {
    static func keyPressed(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.showsHelp {
            // Any key closes help; Ctrl-C still quits.
            state.showsHelp = false
            return key == .ctrl("c") ? quit(&state) : []
        }
        guard let binding = Keymap.binding(for: key, on: state.screen) else { return [] }
        if let reason = binding.unavailableReason {
            state.notice = "\(key): \(binding.help) — \(reason)"
            return []
        }
        state.notice = nil
        switch binding.action {
        case .quit: return quit(&state)
        case .toggleHelp: state.showsHelp = true
        case .redraw: return [.redrawScreen]
        case .refresh: return refresh(&state)
        case .open: return open(&state)
        case .back:
            state.screen = .list
            if let old = state.detail?.refresh { state.requestsInFlight.remove(old) }
            state.detail = nil
        case .moveDown: move(&state, .by(1))
        case .moveUp: move(&state, .by(-1))
        case .pageDown: move(&state, .page(1))
        case .pageUp: move(&state, .page(-1))
        case .top: move(&state, .to(0))
        case .bottom: move(&state, .to(Int.max / 2))
        case .quickFilter, .commandLine, .editProperties, .members, .download, .upload, .transfers, .create, .delete:
            break
        }
        return []
    }

    static func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        return [.quit]
    }

    static func open(_ state: inout AppState) -> [Effect] {
        guard let image = state.selectedImage else { return [] }
        state.screen = .detail
        state.detail = DetailState(image: image)
        return refreshDetail(&state)
    }

    enum Movement { case by(Int), page(Int), to(Int) }

    static func move(_ state: inout AppState, _ movement: Movement) {
        switch state.screen {
        case .list:
            let count = state.images.count, height = ScreenLayout.listRows(state.size)
            switch movement {
            case .by(let d): state.list.move(by: d, count: count, height: height)
            case .page(let d): state.list.page(d, count: count, height: height)
            case .to(let row): state.list.move(to: row, count: count, height: height)
            }
        case .detail:
            guard var detail = state.detail else { return }
            let height = ScreenLayout.detailRows(state.size)
            switch movement {
            case .by(let d): detail.scroll += d
            case .page(let d): detail.scroll += d * max(1, height - 1)
            case .to(let row): detail.scroll = row
            }
            state.detail = detail
            clampDetail(&state)
        }
    }

    static func clampDetail(_ state: inout AppState) {
        guard let detail = state.detail else { return }
        let rows = DetailLayout.rows(for: detail.image, width: state.size.width).count
        let maxScroll = max(0, rows - ScreenLayout.detailRows(state.size))
        state.detail?.scroll = max(0, min(detail.scroll, maxScroll))
    }
}
