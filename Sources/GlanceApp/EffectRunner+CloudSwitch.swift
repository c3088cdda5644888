import Dispatch
import GlanceAPI
import GlanceCore

/// `:cloud`, `:region` and `:project` in the runner: the next cloud signs in beside the current
/// one, is put in the slot only when the UI has reset its state for it, and from the moment it
/// signed in the answers of work started on the old cloud are no longer posted.
extension EffectRunner {
    /// The cloud a switch has moved to, or the first one.
    public var currentCloud: any Cloud { slot.withLock { $0.cloud } }

    func runSwitch(_ effect: Effect, cloud: any Cloud, generation: Int) {
        switch effect {
        case .signInElsewhere(let id, let target):
            signInElsewhere(id, target, from: cloud)
        case .adoptCloud(let id):
            slot.withLock { $0.adopt(id) }
        case .loadScopes:
            queue.async { [self] in
                // Completion is a courtesy: a cloud that cannot say offers nothing, and says so.
                let scopes = (try? cloud.scopes()) ?? CloudScopes(regions: [], projects: [])
                postFresh(generation, .scopesLoaded(regions: scopes.regions, projects: scopes.projects))
            }
        case .rememberCloud(let name):
            guard let recent else { break }
            queue.async { recent.use(name) }
        default:
            break
        }
    }

    /// Posts `msg` unless a switch has signed in to another cloud since the work started. Under
    /// the slot's lock, so the answer is either ahead of `.cloudSignedIn` in the inbox (and
    /// meets the old state) or not posted at all.
    func postFresh(_ generation: Int, _ msg: Msg) {
        slot.withLock { if $0.generation == generation { post(msg) } }
    }

    /// Makes and signs in to the target cloud beside the current one; only a success is kept,
    /// to be adopted when the UI has reset its state for it.
    private func signInElsewhere(_ id: RequestID, _ target: CloudTarget, from current: any Cloud) {
        queue.async { [self] in
            do throws(APIError) {
                guard let makeCloud else { throw .configuration("This session cannot switch clouds") }
                let next = try makeCloud(target, current)
                let session = try next.signIn()
                // A sign-in answered from the token cache asked nobody: a revoked token (a
                // changed password) would be adopted and the first list would fail on a cloud
                // already switched to. One image, asked through the backend (which signs in
                // again once on a 401, with the credentials), proves the sign-in before the
                // slot moves; its failure is the sign-in's, and the current cloud stays.
                _ = try next.backend.listImages(.first(query: ImageQuery(), limit: 1))
                slot.withLock { slot in
                    slot.signedIn(id, next)
                    post(.cloudSignedIn(id, session))
                }
            } catch {
                post(.cloudSignInFailed(id, error))
            }
        }
    }
}
